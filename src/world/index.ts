export { CATEGORY_SPECS, ADJECTIVES, FEATURES } from "./categories"
export type { CategorySpec } from "./categories"
export { faultConfigSchema, worldConfigSchema, defaultWorldConfig } from "./config"
export type { WorldConfig, FaultConfig } from "./config"
export { priceTier, generateCatalog } from "./catalog"
export type { Catalog } from "./catalog"
export { generateUsers } from "./users"
export type { Users } from "./users"
export { generateWorld, HOURLY_TRAFFIC, CLICK_MODEL, World } from "./world"
export { simulateEvents } from "./simulate-events"
export type { SimulatedLog } from "./simulate-events"
export { sigmoid, logInterest } from "./math"
export { itemsTable, usersTable, eventsTable, reviewsTable, categoriesTable } from "./tables"
export { injectFaults } from "./faults"
export type { InjectedFaults } from "./faults"
export { writeWorldCsv, WORLD_FILES } from "./export"
export { loadEventsCsv } from "./load-events"
export { generateCommunities } from "./communities"
export type { CommunityOptions, Communities } from "./communities"
export { worldItemEmbedding } from "./world-item-embedding"
export { itemImageFeatures, drawItemImageCamera, renderItemImage } from "./item-images"
export type { ItemImageOptions, ItemImageCamera, ItemImages } from "./item-images"
export {
  generateFriendGraph,
  worldFriendGraph,
  tieProbability,
  expectedDegrees,
  unitRows,
  FRIEND_GRAPH_STREAM,
  MAX_FRIEND_GRAPH_USERS,
} from "./friend-graph"
export type { FriendGraphOptions, FriendGraphModel } from "./friend-graph"
export { tieSimilarity, expectedTieSimilarity } from "./friend-homophily"
export type { HomophilySummary } from "./friend-homophily"
