#!/usr/bin/env node
"use strict"
require("../dist/cli/main").main(process.argv).catch((error) => {
  process.stderr.write(`interest-lab: ${error && error.message ? error.message : String(error)}\n`)
  process.exit(2)
})
