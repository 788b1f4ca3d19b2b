"use strict"
// Runs every experiment of experiments/ through the CLI and hashes what it wrote, so that a refactor
// can prove it changed no number:
//   node scripts/experiments-hash.js --write experiments/hashes.json   (record)
//   node scripts/experiments-hash.js --check experiments/hashes.json   (compare; exit 1 on any difference)
//   either with --only NAME.yaml: that experiment alone (--write then replaces only its entry)
// Hashed: summary.json and every .csv (the data). Not hashed: config.json, report.html and the notebook
// copies, which carry the provenance (date, command line, commit) and so differ from run to run.
// Needs `npm run build`. Configs with `policies` run `simulate`, the others `world`.
const { createHash } = require("node:crypto")
const { execFileSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const [mode, file, onlyFlag, only] = process.argv.slice(2)
if (!["--write", "--check"].includes(mode) || !file || (onlyFlag !== undefined && (onlyFlag !== "--only" || !only))) {
  console.error("usage: node scripts/experiments-hash.js --write|--check FILE [--only NAME.yaml]")
  process.exit(2)
}

function hashTree(dir) {
  const out = {}
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    if (fs.statSync(full).isDirectory()) {
      for (const [k, v] of Object.entries(hashTree(full))) out[`${name}/${k}`] = v
    } else if (name === "summary.json" || name.endsWith(".csv")) {
      out[name] = createHash("sha256").update(fs.readFileSync(full)).digest("hex")
    }
  }
  return out
}

const configs = fs
  .readdirSync(path.join(root, "experiments"))
  .filter((f) => f.endsWith(".yaml") && (only === undefined || f === only))
  .sort()
if (configs.length === 0) {
  console.error(`--only ${only}: no such file in experiments/`)
  process.exit(2)
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "experiments-hash-"))
const hashes = {}
try {
  for (const name of configs) {
    const config = path.join("experiments", name)
    const command = /^policies\s*:/m.test(fs.readFileSync(path.join(root, config), "utf8")) ? "simulate" : "world"
    const out = path.join(tmp, name.replace(/\.yaml$/, ""))
    const started = Date.now()
    execFileSync(process.execPath, ["bin/interest-lab.js", command, "--config", config, "--out", out], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    })
    hashes[name] = hashTree(out)
    console.log(
      `${name}: ${Object.keys(hashes[name]).length} files hashed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}

if (mode === "--write") {
  const all = only === undefined ? hashes : { ...JSON.parse(fs.readFileSync(file, "utf8")), ...hashes }
  const sorted = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((name) => [name, all[name]]),
  )
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`)
  console.log(`wrote ${file}`)
} else {
  const recorded = JSON.parse(fs.readFileSync(file, "utf8"))
  const expected = only === undefined ? recorded : { [only]: recorded[only] }
  const differences = []
  for (const name of new Set([...Object.keys(expected), ...Object.keys(hashes)])) {
    for (const f of new Set([...Object.keys(expected[name] ?? {}), ...Object.keys(hashes[name] ?? {})])) {
      if (expected[name]?.[f] !== hashes[name]?.[f]) differences.push(`${name}: ${f}`)
    }
  }
  if (differences.length > 0) {
    console.error(`${differences.length} output file(s) differ from ${file}:\n  ${differences.join("\n  ")}`)
    process.exit(1)
  }
  console.log(`every output of ${configs.length} experiments is byte-identical to ${file}`)
}
