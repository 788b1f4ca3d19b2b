import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CHROMIUM, checkPage, launchBrowser } from "./page-check"

// `npm run docs` (here with --quick: shortened runs) builds an offline gallery: every link of its
// index resolves to a file inside it, and its pages pass the browser check of test/browser.
const out = join(mkdtempSync(join(tmpdir(), "il-docs-")), "site")

describe.skipIf(!CHROMIUM)("the gallery (npm run docs)", () => {
  let browser: Browser
  let links: string[] = []
  beforeAll(async () => {
    const r = spawnSync(
      process.execPath,
      [join(__dirname, "..", "..", "scripts", "docs.js"), "--quick", "--out", out],
      { encoding: "utf8" },
    )
    if (r.status !== 0) throw new Error(`npm run docs failed: ${r.stderr}`)
    links = Array.from(readFileSync(join(out, "index.html"), "utf8").matchAll(/href="([^"]+)"/g), (m) => m[1])
    browser = await launchBrowser()
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
  })

  it("links only to files inside the gallery, a report for each command", () => {
    for (const l of links) {
      expect(l, "a relative link").not.toMatch(/^(\/|[a-z]+:)/)
      expect(existsSync(join(out, l)), l).toBe(true)
    }
    for (const command of ["simulate", "world", "segments", "basket", "benchmark", "evaluate"])
      expect(links).toContain(`reports/${command}/report.html`)
    expect(links).toContain("api/index.html")
  })

  it("holds an API reference made from the doc comments of src/index.ts, with no resource from outside", () => {
    const index = readFileSync(join(out, "api", "index.html"), "utf8")
    for (const name of ["KlUcb", "DoublyRobust", "EcommerceEnvironment"])
      expect(index).toContain(`classes/${name}.html`)
    const page = readFileSync(join(out, "api", "classes", "KlUcb.html"), "utf8")
    expect(page).toContain("Garivier &amp; Cappé (2011)")
    expect(page.replace(/<[^>]+>/g, "")).toContain("new KlUcb({ arms: 10 })")
    for (const html of [index, page])
      expect(
        html.match(/(?:src|rel="stylesheet" href)="[a-z]+:[^"]*"/g),
        "scripts and styles load from the gallery",
      ).toBeNull()
  })

  it("opens cleanly in a browser: the index and every page it links to", { timeout: 600_000 }, async () => {
    const pages = ["index.html", ...links.filter((l) => l.endsWith(".html")), "api/classes/KlUcb.html"]
    for (const p of pages) {
      const r = await checkPage(browser, join(out, p), `docs-${p.replace(/\//g, "-").replace(/\.html$/, "")}`, 2000)
      expect(r.problems, p).toEqual([])
    }
  })
})
