import type { Figure } from "./figure"
import { barFigure, lineFigure, scatterFigure } from "./figures"
import type { ReportSection, ReportTable } from "./html"
import type { CleanedRetail } from "../retail/cleaning"
import type { RfmTable } from "../retail/rfm"
import { SEGMENT_NAME_RULE, segmentNames } from "../retail/segment-names"
import type { RfmSegmentation } from "../retail/segments"

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
  const names = segmentNames(seg)
  return {
    columns: [
      "segment",
      "name",
      "customers",
      "share",
      "mean R (days)",
      "mean F",
      "mean M (£)",
      "median R",
      "median F",
      "median M",
      "revenue share",
    ],
    rows: seg.profiles.map((p) => [
      p.segment,
      names[p.segment],
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
    caption: "Segments numbered by decreasing mean monetary value, named by their RFM centres",
  }
}

/** Elbow (inertia against k), mean silhouette against k, and the customers in the (log1p F, log1p M) and (R, M) planes. */
export function segmentFigures(rfm: RfmTable, seg: RfmSegmentation): Figure[] {
  const ks = seg.elbow.map((p) => p.k)
  const names = segmentNames(seg)
  const groups = Array.from(seg.labels, (l) => `${l}: ${names[l]}`)
  return [
    lineFigure([{ name: "inertia", x: ks, y: seg.elbow.map((p) => p.inertia) }], {
      title: `Elbow: inertia against k (knee at k = ${seg.kneeK})`,
      xTitle: "k",
      yTitle: "inertia",
    }),
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
    scatterFigure(rfm.recency, Array.from(rfm.monetary, Math.log1p), {
      title: "Recency against monetary value",
      xTitle: "recency (days)",
      yTitle: "log1p(monetary £)",
      groups,
    }),
  ]
}

/**
 * Sentences computed from the segmentation: the most valuable segment's share of customers and of
 * revenue, the largest segment, and what the knee and the silhouette say about k when they disagree.
 */
export function segmentConclusions(seg: RfmSegmentation): string[] {
  const names = segmentNames(seg)
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
  const top = seg.profiles[0]
  const largest = seg.profiles.reduce((a, b) => (b.customers > a.customers ? b : a))
  const out = [
    `The ${names[top.segment]} (segment ${top.segment}) are ${pct(top.share)} of customers and bring ${pct(top.revenueShare)} of revenue: the customers to exploit (retain, cross-sell).`,
  ]
  if (largest !== top) {
    out.push(
      `The largest segment, the ${names[largest.segment]} (segment ${largest.segment}), holds ${pct(largest.share)} of customers and ${pct(largest.revenueShare)} of revenue: where exploration or win-back has to work.`,
    )
  }
  const best = seg.silhouettes.reduce(
    (a, b) => (b.score > a.score ? b : a),
    seg.silhouettes[0] ?? { k: seg.k, score: NaN },
  )
  const worst = seg.silhouettes.reduce(
    (a, b) => (b.score < a.score ? b : a),
    seg.silhouettes[0] ?? { k: seg.k, score: NaN },
  )
  if (best.k !== seg.kneeK && Number.isFinite(best.score)) {
    out.push(
      `The elbow's knee (k = ${seg.kneeK}) and the best silhouette (k = ${best.k}) disagree; every mean silhouette lies between ${worst.score.toFixed(2)} and ${best.score.toFixed(2)}, so customers form a continuum rather than separated clusters, the silhouette favours the coarsest split, and k is a business choice: this report uses k = ${seg.k}.`,
    )
  }
  return out
}

/** The report's sections for `interest-lab segments`. */
export function segmentSections(clean: CleanedRetail, rfm: RfmTable, seg: RfmSegmentation): ReportSection[] {
  const best = seg.silhouettes.reduce(
    (a, b) => (b.score > a.score ? b : a),
    seg.silhouettes[0] ?? { k: seg.k, score: NaN },
  )
  return [
    { heading: "Conclusions", paragraphs: segmentConclusions(seg) },
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
        SEGMENT_NAME_RULE,
      ],
      tables: [segmentProfileTable(seg)],
      figures: segmentFigures(rfm, seg),
    },
  ]
}
