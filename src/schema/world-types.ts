/** Devices a session can come from (index = code in event logs). */
export const DEVICES = ["mobile", "desktop", "tablet"] as const
/** Regions of the synthetic market (index = code in event logs). */
export const REGIONS = ["north", "east", "south", "west", "central"] as const
/** Event types in the order of the funnel (index = code in event logs). */
export const EVENT_TYPES = ["view", "click", "cart", "purchase"] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** The situation of one recommendation: when, where and on what device. */
export interface Context {
  /** Time since the start of the world in days (fractional): drives interest drift. */
  day: number
  /** Hour of day 0..23. */
  hour: number
  /** Day of week 0 (Monday) .. 6 (Sunday). */
  weekday: number
  /** Index into DEVICES. */
  device: number
  /** Index into REGIONS. */
  region: number
}

/** A product category with its names in English and Chinese. */
export interface Category {
  id: number
  en: string
  zh: string
}
