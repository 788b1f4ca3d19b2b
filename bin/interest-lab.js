#!/usr/bin/env node
"use strict"
require("../dist/cli/main")
  .main(process.argv)
  .catch((error) => {
    const { terminalSafe } = require("../dist/config/message-text")
    process.stderr.write(`interest-lab: ${terminalSafe(error?.message ? error.message : String(error))}\n`)
    process.exit(2)
  })
