import { CALENDAR_DATE_RULE, isCalendarDate } from "../io/calendar-date"
import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"
import { CATEGORY_SPECS } from "./categories"

const rate = lazyValue(() => loadZod().number().min(0).max(1))

/** Fault injection rates for the data-quality exercises (all 0 by default: a clean log). */
export const faultConfigSchema = lazyValue(() => {
  const z = loadZod()
  return z.strictObject({
    /** Share of events whose price or hour is blanked (NaN in memory, empty in CSV). */
    missingRate: rate.default(0),
    /** Share of events whose user id is replaced by the logging error code −1. */
    errorCodeRate: rate.default(0),
    /** Share of events logged twice. */
    duplicateRate: rate.default(0),
    /** Share of events whose price is multiplied by 100 (a unit bug: cents logged as yuan). */
    outlierRate: rate.default(0),
  })
})

/**
 * The synthetic world's configuration. Every field has a default; a config file overrides any
 * subset. Sizes: users × (days × sessionsPerDay × pagesPerSession × slateSize) ≈ views.
 */
export const worldConfigSchema = lazyValue(() => {
  const z = loadZod()
  return z.strictObject({
    seed: z.number().int().min(0).default(42),
    users: z.number().int().min(1).max(5_000_000).default(2000),
    items: z.number().int().min(1).max(1_000_000).default(500),
    categories: z.number().int().min(2).max(CATEGORY_SPECS.length).default(12),
    brandsPerCategory: z.number().int().min(1).max(3).default(3),
    days: z.number().int().min(1).max(3650).default(30),
    /** Mean sessions per user per day (users' activity rates are Gamma-distributed around it). */
    sessionsPerDay: z.number().positive().max(50).default(0.15),
    /** Mean pages viewed per session (geometric). */
    pagesPerSession: z.number().min(1).max(100).default(2.5),
    /** Items shown per page (positions 0..slateSize−1). */
    slateSize: z.number().int().min(1).max(50).default(8),
    /** Zipf exponent of item popularity within the catalogue. */
    zipfExponent: z.number().min(0).max(5).default(1.05),
    /** Median per-category Dirichlet concentration of users' interests: small ⇒ focused users. */
    interestConcentration: z.number().positive().max(100).default(0.35),
    /** Spread (log-normal sigma) of concentration across users: how different broad and focused users are. */
    concentrationSpread: z.number().min(0).max(5).default(1.0),
    /** Mean share of a user's interest that has drifted to a new vector by the last day (0 = static). */
    drift: rate.default(0.3),
    /** Position bias exponent η of the examination probability 1/(1+position)^η. */
    positionBias: z.number().min(0).max(5).default(0.8),
    /** Share of purchases that are reviewed. */
    reviewRate: rate.default(0.3),
    /**
     * Taste communities (absent: none, every user's interests are an independent draw around the market
     * shares): `count` interest profiles, each user's interests drawn around their community's profile.
     */
    communities: z
      .strictObject({
        count: z.number().int().min(2).max(1000),
        concentration: z.number().positive().max(100).default(0.3),
      })
      .optional(),
    startDate: z.string().refine(isCalendarDate, `expected ${CALENDAR_DATE_RULE}`).default("2026-01-05"),
    faults: faultConfigSchema.default({ missingRate: 0, errorCodeRate: 0, duplicateRate: 0, outlierRate: 0 }),
  })
})

export type WorldConfig = z.infer<typeof worldConfigSchema>
export type FaultConfig = z.infer<typeof faultConfigSchema>

/** All defaults: 2,000 users × 500 items, about 150,000 events. */
export const defaultWorldConfig: WorldConfig = lazyValue(() => worldConfigSchema.parse({}))
