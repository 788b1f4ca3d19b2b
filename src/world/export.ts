import { join } from "node:path"
import { writeTableCsv } from "../io/table"
import { createRng } from "../random/rng"
import type { SimulatedLog } from "./simulate-events"
import { injectFaults, type InjectedFaults } from "./faults"
import { categoriesTable, eventsTable, itemsTable, reviewsTable, usersTable } from "./tables"
import type { World } from "./world"

/** The CSV files a world is exported to. */
export const WORLD_FILES = ["categories.csv", "items.csv", "users.csv", "events.csv", "reviews.csv"] as const

/**
 * Writes a world and its simulated log as CSV files into `dir` (which must exist). Faults from
 * `world.config.faults` are injected into events.csv (from their own random stream). The bytes
 * depend only on the config: same config and seed ⇒ byte-identical files.
 */
export async function writeWorldCsv(world: World, log: SimulatedLog, dir: string): Promise<InjectedFaults> {
  await writeTableCsv(join(dir, "categories.csv"), categoriesTable(world))
  await writeTableCsv(join(dir, "items.csv"), itemsTable(world))
  await writeTableCsv(join(dir, "users.csv"), usersTable(world))
  const { table, injected } = injectFaults(
    eventsTable(world, log.events),
    world.config.faults,
    createRng(world.config.seed, 4),
  )
  await writeTableCsv(join(dir, "events.csv"), table)
  await writeTableCsv(join(dir, "reviews.csv"), reviewsTable(log.reviews))
  return injected
}
