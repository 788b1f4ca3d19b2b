/**
 * A plotly figure as plain data: the same object is drawn in a notebook (`show`), inlined in an
 * HTML report (`renderReport`), or written to JSON. Traces and layout follow plotly.js 4
 * (a title is `{ text }`, a bare string is ignored).
 */
export interface Figure {
  data: Trace[]
  layout: Layout
}

/** One plotly trace; the common fields are typed, the rest pass through to plotly. */
export interface Trace {
  type?: "scatter" | "bar" | "histogram" | "heatmap" | "box" | "pie" | "violin" | "scattergl"
  name?: string
  x?: ArrayLike<number | string>
  y?: ArrayLike<number | string>
  z?: ArrayLike<ArrayLike<number>>
  mode?: string
  [key: string]: unknown
}

export interface Layout {
  title?: { text: string }
  xaxis?: Record<string, unknown>
  yaxis?: Record<string, unknown>
  [key: string]: unknown
}

/** Converts typed arrays to plain arrays so that the figure serialises to JSON faithfully. */
export function figureToJson(figure: Figure): string {
  return JSON.stringify(figure, (_key, value: unknown) =>
    ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value,
  )
}
