"use strict"
  // Runs inside the page (see page-check.ts): plain browser JavaScript, evaluated by puppeteer.
  // Returns { problems, figures, math }.
;(() => {
  const out = []
  const figures = Array.from(document.querySelectorAll(".figure, .js-plotly-plot"))
  for (const f of figures) {
    if (!f.querySelector("svg.main-svg")) out.push(`plot container #${f.id || "?"} has no rendered SVG`)
  }
  const prose = document.body.cloneNode(true)
  for (const el of Array.from(prose.querySelectorAll("script, style, pre, code, .katex, .jp-CodeCell .jp-InputArea")))
    el.remove()
  const text = prose.textContent || ""
  const raw = text.indexOf("$$")
  if (raw >= 0)
    out.push(`raw $$ left in the text: "${text.slice(Math.max(0, raw - 40), raw + 40).replace(/\s+/g, " ")}"`)
  for (const e of Array.from(document.querySelectorAll(".katex-error")))
    out.push(`KaTeX could not typeset: ${(e.textContent || "").slice(0, 80)}`)
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
  for (const t of Array.from(document.querySelectorAll("table"))) {
    if (scrolls(t)) continue
    let box = t.parentElement
    while (box && getComputedStyle(box).display.startsWith("inline")) box = box.parentElement
    if (!box || scrolls(box)) continue
    const over = t.getBoundingClientRect().width - box.clientWidth
    if (over > 1)
      out.push(
        `table "${(t.querySelector("caption, th")?.textContent || "").slice(0, 50)}" is ${Math.round(over)} px wider than its container`,
      )
  }
  for (const svg of Array.from(document.querySelectorAll("svg.main-svg"))) {
    if (
      !svg.closest(".figure, .js-plotly-plot") ||
      svg.closest(".figure, .js-plotly-plot").querySelector("svg.main-svg") !== svg
    )
      continue
    const frame = svg.getBoundingClientRect()
    const labels = svg.querySelectorAll(
      ".xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .gtitle, .textpoint text",
    )
    for (const l of Array.from(labels)) {
      const r = l.getBoundingClientRect()
      if (r.width === 0) continue
      if (
        r.left < frame.left - 1 ||
        r.right > frame.right + 1 ||
        r.top < frame.top - 1 ||
        r.bottom > frame.bottom + 1
      ) {
        const fig = svg.closest(".figure, .js-plotly-plot")
        out.push(`label "${(l.textContent || "").slice(0, 40)}" is clipped in figure #${fig ? fig.id : "?"}`)
      }
    }
  }
  // Chinese quotes from the seed articles: two different CJK characters must not draw the same
  // pixels, which is what the missing-glyph box does when no CJK font is installed.
  const cjk = Array.from(new Set(text.match(/[\u4e00-\u9fff]/g) || []))
  if (cjk.length >= 2) {
    const draw = (ch) => {
      const canvas = document.createElement("canvas")
      canvas.width = 40
      canvas.height = 40
      const g = canvas.getContext("2d")
      g.font = `32px ${getComputedStyle(document.body).fontFamily}`
      g.fillText(ch, 2, 32)
      return g.getImageData(0, 0, 40, 40).data.join(",")
    }
    if (draw(cjk[0]) === draw(cjk[1]))
      out.push(`Chinese characters "${cjk[0]}" and "${cjk[1]}" draw identically: no CJK font, they show as boxes`)
  }
  return { problems: out, figures: figures.length, math: document.querySelectorAll(".katex").length }
})()
