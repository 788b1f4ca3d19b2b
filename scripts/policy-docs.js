"use strict"
// Writes docs/policies.md from the policy registry (needs `npm run build`):
//   node scripts/policy-docs.js
// test/bandits/policy-table.test.ts fails when the committed page differs from what this writes.
const fs = require("node:fs")
const path = require("node:path")
const { policyReferenceMarkdown } = require("../dist/bandits/policy-table")

const out = path.join(__dirname, "..", "docs", "policies.md")
fs.writeFileSync(out, policyReferenceMarkdown())
console.log(`wrote ${path.relative(process.cwd(), out)}`)
