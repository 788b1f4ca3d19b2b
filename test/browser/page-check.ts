import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"

// Opens pages in Debian's Chromium (puppeteer-core drives it; no browser is downloaded) and lists
// what a reader would see wrong. Used by test/browser/*.test.ts and the notebook test.

/** Debian's Chromium, or null when it is not installed (.ci/run installs it). */
export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? null

/** Where the screenshots go, to be looked at after a test run. */
export const SCREENSHOT_DIR = join(__dirname, "..", "..", "reports", "screenshots")

export async function launchBrowser(): Promise<Browser> {
  const puppeteer = await import("puppeteer-core")
  return puppeteer.launch({
    executablePath: CHROMIUM ?? undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  })
}

/** The checks that run inside the page (plain browser JavaScript: this project's TypeScript has no DOM types). */
const IN_PAGE = readFileSync(join(__dirname, "in-page-check.js"), "utf8")

/** What the page check found: every problem as one line (empty when the page is fine). */
export interface PageCheck {
  problems: string[]
  figures: number
  math: number
}

/**
 * Opens `file` and reports: console errors and uncaught exceptions; plot containers (`.figure`)
 * without a rendered plotly SVG; raw `$$` or KaTeX errors left in the prose; tables wider than
 * their container unless a container scrolls them; axis tick and title labels that stick out
 * of their figure (clipped). Saves a screenshot as `<SCREENSHOT_DIR>/<screenshot>.png`, at most
 * `maxHeight` pixels tall.
 */
export function checkPage(browser: Browser, file: string, screenshot: string, maxHeight = 12_000): Promise<PageCheck> {
  // One page at a time per browser: screenshots of several open tabs can hang headless Chromium's
  // Page.captureScreenshot until the protocol timeout (puppeteer/puppeteer#12712); the notebook
  // test checks its notebooks concurrently.
  const previous = queues.get(browser) ?? Promise.resolve()
  const run = previous.then(() => checkOnePage(browser, file, screenshot, maxHeight))
  queues.set(
    browser,
    run.catch(() => undefined),
  )
  return run
}

const queues = new WeakMap<Browser, Promise<unknown>>()

async function checkOnePage(browser: Browser, file: string, screenshot: string, maxHeight: number): Promise<PageCheck> {
  const page = await browser.newPage()
  const problems: string[] = []
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text().slice(0, 300)}`)
  })
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${String((e as Error).message ?? e).slice(0, 300)}`))
  try {
    await page.setViewport({ width: 1280, height: 900 })
    await page.goto(`file://${file}`, { waitUntil: "load", timeout: 60_000 })
    // Plotly draws on load; KaTeX typesets on DOMContentLoaded: give both a moment to finish.
    await new Promise((r) => setTimeout(r, 800))
    const found = (await page.evaluate(IN_PAGE)) as { problems: string[]; figures: number; math: number }
    problems.push(...found.problems)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const height = (await page.evaluate("document.documentElement.scrollHeight")) as number
    await page.bringToFront()
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${screenshot}.png`) as `${string}.png`,
      clip: { x: 0, y: 0, width: 1280, height: Math.min(height, maxHeight) },
      captureBeyondViewport: true,
    })
    return { problems, figures: found.figures, math: found.math }
  } finally {
    await page.close()
  }
}
