export * from "./forecasting"
export * from "./churn"
export * from "./ad-campaign"
