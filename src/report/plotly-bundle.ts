import { readFileSync } from "node:fs"

let cached: string | undefined

/**
 * The minified plotly.js bundle shipped by the `plotly.js-dist-min` package, read once.
 * Reports and notebooks inline it so that they work without internet.
 */
export function plotlyBundle(): string {
  if (cached === undefined) cached = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8")
  return cached
}

/**
 * A `<script>` that defines `window.Plotly` even where RequireJS is on the page (Jupyter):
 * the UMD bundle would otherwise register as an AMD module and leave no global.
 */
export function plotlyScriptTag(): string {
  // "</script" inside the bundle would end the tag early; escape it.
  const code = plotlyBundle().replace(/<\/script/gi, "<\\/script")
  return `<script type="text/javascript">(function(){var d=window.define;window.define=undefined;try{\n${code}\n}finally{window.define=d;}})();</script>`
}
