export * from "./kmeans"
export * from "./silhouette"
export * from "./elbow"
