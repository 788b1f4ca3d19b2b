// The layers of src/, lowest first. A folder imports only from its own layer or a lower one
// (type-only imports included), and nothing imports in a cycle. `npm run lint:layers` checks both.
const LAYERS = [
  ["config"],
  ["random", "stats", "linalg", "schema", "io"],
  ["data", "metrics"],
  [
    "world",
    "text",
    "behavior",
    "bandits",
    "recommenders",
    "evaluation",
    "neural",
    "privacy",
    "federated",
    "coldstart",
    "business",
    "llm",
    "persistence",
  ],
  ["retail"],
  ["simulation"],
  ["report"],
  ["cli"],
]

const folders = (layers) => `^src/(${layers.flat().join("|")})/`

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer[0]}`,
  comment: `${layer.join(", ")} must not import from a higher layer (${LAYERS.slice(i + 1)
    .flat()
    .join(", ")})`,
  severity: "error",
  from: { path: folders([layer]) },
  to: { path: folders(LAYERS.slice(i + 1)) },
}))

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "a module must not depend on itself through others",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: "every-folder-has-a-layer",
      comment: "a new folder of src/ needs a place in LAYERS",
      severity: "error",
      from: { path: "^src/[^/]+/", pathNot: folders(LAYERS) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
}
