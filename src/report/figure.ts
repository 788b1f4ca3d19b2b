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

/**
 * Serialises a figure to JSON, converting typed arrays to plain arrays; `text`, when given,
 * rewrites every string value (not the keys), e.g. to escape plotly's label markup.
 */
export function figureToJson(figure: Figure, text?: (s: string) => string): string {
  return JSON.stringify(figure, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView))
      return Array.from(value as unknown as ArrayLike<number>)
    return text && typeof value === "string" ? text(value) : value
  })
}
