"use strict"
// World generation throughput: the 10,000 users × 2,000 items world (about 1 million events).
// Target: under 10 s on this 2-core machine.
const { generateWorld, simulateEvents } = require("../dist")
const { bestOf, fmtRate, report } = require("./util")

const config = { users: 10_000, items: 2_000, seed: 1 }
let world
const tWorld = bestOf(() => {
  world = generateWorld(config)
}, 3)
let events = 0
const tEvents = bestOf(() => {
  events = simulateEvents(world).events.length
}, 3)
report("catalogue + users (10,000 × 2,000)", tWorld.toFixed(3), "s")
report(
  `events simulated (${events.toLocaleString("en")})`,
  tEvents.toFixed(3),
  "s",
  `target < 10 s: ${(10 / (tWorld + tEvents)).toFixed(1)}× faster`,
)
report("world-generation throughput", fmtRate(events / (tWorld + tEvents)), "events/s")
