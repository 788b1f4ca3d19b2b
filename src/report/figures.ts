import type { Figure, Trace } from "./figure"

/** A named series for line and band plots. */
export interface Series {
  name: string
  x?: ArrayLike<number | string>
  y: ArrayLike<number>
  /** Lower and upper band (e.g. a 95% confidence interval), drawn as a shaded area. */
  lower?: ArrayLike<number>
  upper?: ArrayLike<number>
}

interface AxisTitles {
  title: string
  xTitle?: string
  yTitle?: string
}

const PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
]

function rangeOf(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1)
}

/** The layout shared by the figures; axes grow their margins to fit their labels (`automargin`), so long category names are never clipped. */
function layoutFor(t: AxisTitles, extra: Record<string, unknown> = {}): Figure["layout"] {
  const { xaxis, yaxis, ...rest } = extra as { xaxis?: Record<string, unknown>; yaxis?: Record<string, unknown> }
  return {
    title: { text: t.title },
    xaxis: { title: { text: t.xTitle ?? "" }, automargin: true, ...xaxis },
    yaxis: { title: { text: t.yTitle ?? "" }, automargin: true, ...yaxis },
    margin: { t: 50, r: 20, b: 50, l: 60 },
    ...rest,
  }
}

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`
}

/**
 * Line chart of several series, each with an optional shaded band (confidence interval).
 * Long series are thinned to at most `maxPoints` points so reports stay small.
 * @example lineFigure([{ name: "ε=0.1", y: rewards }], { title: "Average reward", xTitle: "step" })
 */
export function lineFigure(series: Series[], t: AxisTitles & { maxPoints?: number; logX?: boolean }): Figure {
  const maxPoints = t.maxPoints ?? 1000
  const data: Trace[] = []
  series.forEach((s, k) => {
    const n = s.y.length
    const stride = Math.max(1, Math.ceil(n / maxPoints))
    const idx: number[] = []
    for (let i = 0; i < n; i += stride) idx.push(i)
    if (idx[idx.length - 1] !== n - 1 && n > 0) idx.push(n - 1)
    const xs = idx.map((i) => (s.x ? s.x[i] : i + 1))
    const color = PALETTE[k % PALETTE.length]
    if (s.lower && s.upper) {
      const lower = s.lower
      const upper = s.upper
      data.push({
        type: "scatter",
        x: [...xs, ...xs.slice().reverse()],
        y: [
          ...idx.map((i) => upper[i]),
          ...idx
            .slice()
            .reverse()
            .map((i) => lower[i]),
        ],
        fill: "toself",
        fillcolor: rgba(color, 0.15),
        line: { width: 0 },
        hoverinfo: "skip",
        showlegend: false,
        name: `${s.name} 95% CI`,
      })
    }
    data.push({ type: "scatter", mode: "lines", name: s.name, x: xs, y: idx.map((i) => s.y[i]), line: { color } })
  })
  return { data, layout: layoutFor(t, t.logX ? { xaxis: { title: { text: t.xTitle ?? "" }, type: "log" } } : {}) }
}

/**
 * Bar chart; with `errors`, symmetric or asymmetric error bars.
 * @example barFigure(["a", "b"], [0.3, 0.5], { title: "CTR" })
 */
export function barFigure(
  labels: string[],
  values: ArrayLike<number>,
  t: AxisTitles & { errorLow?: ArrayLike<number>; errorHigh?: ArrayLike<number>; horizontal?: boolean },
): Figure {
  const trace: Trace = t.horizontal
    ? { type: "bar", orientation: "h", y: labels, x: Array.from(values) }
    : { type: "bar", x: labels, y: Array.from(values) }
  if (t.errorLow && t.errorHigh) {
    const lo = t.errorLow
    const hi = t.errorHigh
    const err = {
      type: "data",
      symmetric: false,
      array: Array.from(values, (v, i) => hi[i] - v),
      arrayminus: Array.from(values, (v, i) => v - lo[i]),
    }
    if (t.horizontal) trace.error_x = err
    else trace.error_y = err
  }
  return { data: [trace], layout: layoutFor(t) }
}

/** Grouped bars: one group per label, one bar per series. */
export function groupedBarFigure(
  labels: string[],
  series: { name: string; values: ArrayLike<number> }[],
  t: AxisTitles,
): Figure {
  return {
    data: series.map((s) => ({ type: "bar", name: s.name, x: labels, y: Array.from(s.values) })),
    layout: layoutFor(t, { barmode: "group" }),
  }
}

/** Histogram of one or several samples, overlaid. */
export function histogramFigure(
  samples: { name: string; values: ArrayLike<number> }[],
  t: AxisTitles & { bins?: number },
): Figure {
  return {
    data: samples.map((s) => ({
      type: "histogram",
      name: s.name,
      x: Array.from(s.values),
      opacity: samples.length > 1 ? 0.6 : 1,
      nbinsx: t.bins ?? 40,
    })),
    layout: layoutFor(t, { barmode: "overlay" }),
  }
}

/** Heatmap of a matrix given as rows; labels optional. */
export function heatmapFigure(
  rows: ArrayLike<ArrayLike<number>>,
  t: AxisTitles & { xLabels?: string[]; yLabels?: string[]; colorscale?: string },
): Figure {
  const z = Array.from({ length: rows.length }, (_, i) => Array.from(rows[i]))
  return {
    data: [
      {
        type: "heatmap",
        z,
        x: t.xLabels ?? rangeOf(z[0]?.length ?? 0),
        y: t.yLabels ?? rangeOf(z.length),
        colorscale: t.colorscale ?? "Viridis",
      },
    ],
    layout: layoutFor(t, { yaxis: { title: { text: t.yTitle ?? "" }, autorange: "reversed" } }),
  }
}

/**
 * Where each point's label goes: above and below in turn along x (neighbours' labels do not
 * overlap), and to the left of the points in the right quarter (labels stay inside the figure).
 */
function labelPositions(x: ArrayLike<number>): string[] {
  const xs = Array.from(x)
  const lo = Math.min(...xs)
  const hi = Math.max(...xs)
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b])
  const out: string[] = new Array(xs.length)
  order.forEach((i, rank) => {
    const vertical = rank % 2 === 0 ? "top" : "bottom"
    out[i] = hi > lo && xs[i] > lo + 0.75 * (hi - lo) ? `${vertical} left` : `${vertical} center`
  })
  return out
}

/**
 * Scatter plot of points, optionally coloured by a group label. `text` is each point's hover
 * text; with `labels` it is also written next to the point (for a few named points).
 * @example scatterFigure([0.1, 0.2], [0.7, 0.3], { title: "CTR vs discovery", text: ["random", "greedy"], labels: true })
 */
export function scatterFigure(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  t: AxisTitles & { groups?: ArrayLike<number | string>; text?: string[]; labels?: boolean },
): Figure {
  if (!t.groups) {
    const labelled = t.labels === true && t.text !== undefined
    const trace: Trace = {
      type: "scatter",
      mode: labelled ? "markers+text" : "markers",
      x: Array.from(x),
      y: Array.from(y),
      text: t.text,
    }
    if (labelled) Object.assign(trace, { textposition: labelPositions(x), cliponaxis: false, marker: { size: 9 } })
    return { data: [trace], layout: layoutFor(t) }
  }
  const groups = t.groups
  const byGroup = new Map<string, number[]>()
  for (let i = 0; i < x.length; i++) {
    const g = String(groups[i])
    const list = byGroup.get(g) ?? []
    list.push(i)
    byGroup.set(g, list)
  }
  const data: Trace[] = [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([g, idx]) => ({
      type: "scatter",
      mode: "markers",
      name: g,
      x: idx.map((i) => x[i]),
      y: idx.map((i) => y[i]),
      marker: { size: 5 },
    }))
  return { data, layout: layoutFor(t) }
}
