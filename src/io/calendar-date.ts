/**
 * The one strict date parser of the lab: only real calendar dates (proleptic Gregorian) with a
 * four-digit year 1000..9999 pass. `Date` is not used to parse: it reads years 0..99 as
 * 1900..1999 and rolls 2026-02-30 over to March 2.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

/** What a date must look like, for messages. */
export const CALENDAR_DATE_RULE = "a real calendar date YYYY-MM-DD with a year in 1000..9999"

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/**
 * Days in month `m` (1..12) of year `y` (Gregorian leap years: divisible by 4, not by 100 unless by 400).
 * @example daysInMonth(1900, 2) // 28
 */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

/**
 * Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (H. Hinnant's
 * `days_from_civil`, http://howardhinnant.github.io/date_algorithms.html).
 * @example civilDay(2011, 12, 9) // 15317
 */
export function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function validDay(y: number, mo: number, d: number): boolean {
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, or NaN when the text is not a real date with a
 * four-digit year in 1000..9999 (`0011-01-05`, `2026-02-30`, `2026-99-99` are NaN).
 * @example parseCalendarDate("1970-01-02") // 1
 */
export function parseCalendarDate(text: string): number {
  const m = DATE.exec(text)
  if (!m) return NaN
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return validDay(y, mo, d) ? civilDay(y, mo, d) : NaN
}

/**
 * True when `text` is `YYYY-MM-DD`, a real date with a year in 1000..9999.
 * @example isCalendarDate("2024-02-29") // true; isCalendarDate("2026-02-30") // false
 */
export function isCalendarDate(text: string): boolean {
  return !Number.isNaN(parseCalendarDate(text))
}

/**
 * Minutes since 1970-01-01 00:00 of a naive `YYYY-MM-DD HH:MM[:SS]` (or `T` between) time, seconds
 * dropped; NaN unless the date is real (see `parseCalendarDate`) and the time of day valid.
 * @example parseDateTimeMinutes("2010-12-01 08:26:00") // 21519866
 */
export function parseDateTimeMinutes(text: string): number {
  const m = DATE_TIME.exec(text)
  if (!m) return NaN
  const [y, mo, d, h, mi, s] = [
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
  ]
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN
  return civilDay(y, mo, d) * 1440 + h * 60 + mi
}
