import type { Figure } from "../report/figure"
import { barFigure, lineFigure, scatterFigure } from "../report/figures"
import type { ReportSection, ReportTable } from "../report/html"
import type { CleanedRetail } from "./cleaning"
import type { RfmTable } from "./rfm"
import type { RfmSegmentation } from "./segments"

/** The cleaning table: each rule, what it matched in the raw data and what it removed in order. */
export function cleaningTable(clean: CleanedRetail): ReportTable {
  return {
    columns: ["rule", "what", "rows matched (raw)", "rows removed (in order)", "rows left"],
    rows: clean.steps.map((s) => [s.rule, s.description, s.matched, s.removed, s.remaining]),
    caption: `${clean.table.length} raw rows; ${clean.nonProductRows} kept rows carry a non-product stock code (flagged)`,
  }
}

/** One row per segment: size, share, mean and median R, F, M, share of revenue. */
export function segmentProfileTable(seg: RfmSegmentation): ReportTable {
  return {
    columns: ["segment", "customers", "share", "mean R (days)", "mean F", "mean M (£)", "median R", "median F", "median M", "revenue share"],
    rows: seg.profiles.map((p) => [
      p.segment,
      p.customers,
      p.share,
      p.meanRecency,
      p.meanFrequency,
      p.meanMonetary,
      p.medianRecency,
      p.medianFrequency,
      p.medianMonetary,
      p.revenueShare,
    ]),
    caption: "Segments numbered by decreasing mean monetary value",
  }
}

/** Elbow (inertia against k), mean silhouette against k, and the customers in the (log1p F, log1p M) and (R, M) planes. */
export function segmentFigures(rfm: RfmTable, seg: RfmSegmentation): Figure[] {
  const ks = seg.elbow.map((p) => p.k)
  const groups = Array.from(seg.labels, (l) => `segment ${l}`)
  return [
    lineFigure([{ name: "inertia", x: ks, y: seg.elbow.map((p) => p.inertia) }], { title: `Elbow: inertia against k (knee at k = ${seg.kneeK})`, xTitle: "k", yTitle: "inertia" }),
    barFigure(
      seg.silhouettes.map((s) => `k=${s.k}`),
      seg.silhouettes.map((s) => s.score),
      { title: "Mean silhouette against k (higher is better separated)", yTitle: "silhouette" },
    ),
    scatterFigure(Array.from(rfm.frequency, Math.log1p), Array.from(rfm.monetary, Math.log1p), {
      title: `Customers by segment (k = ${seg.k})`,
      xTitle: "log1p(frequency)",
      yTitle: "log1p(monetary £)",
      groups,
    }),
    scatterFigure(rfm.recency, Array.from(rfm.monetary, Math.log1p), { title: "Recency against monetary value", xTitle: "recency (days)", yTitle: "log1p(monetary £)", groups }),
  ]
}

/** The report's sections for `interest-lab segments`. */
export function segmentSections(clean: CleanedRetail, rfm: RfmTable, seg: RfmSegmentation): ReportSection[] {
  const best = seg.silhouettes.reduce((a, b) => (b.score > a.score ? b : a), seg.silhouettes[0] ?? { k: seg.k, score: NaN })
  return [
    { heading: "Cleaning", tables: [cleaningTable(clean)] },
    {
      heading: "RFM",
      paragraphs: [
        `${rfm.customers.length} customers. Recency = whole days from the customer's last invoice to the day after the last invoice in the data; frequency = distinct invoices; monetary = Σ quantity × unit price.`,
        `Features: log1p(R, F, M), standardised (population standard deviation). k-means: k-means++ seeding, 10 seeded restarts, best inertia kept, Lloyd run to a fixed point.`,
      ],
    },
    {
      heading: `Segments (k = ${seg.k})`,
      paragraphs: [
        `Inertia ${seg.inertia.toFixed(3)}; the elbow's knee is at k = ${seg.kneeK}; the best mean silhouette is ${best.score.toFixed(4)} at k = ${best.k}.`,
      ],
      tables: [segmentProfileTable(seg)],
      figures: segmentFigures(rfm, seg),
    },
  ]
}
