import { describe, expect, it } from "vitest"
import {
  civilDay,
  daysInMonth,
  isCalendarDate,
  parseCalendarDate,
  parseDateTimeMinutes,
} from "../../src/io/calendar-date"
import { createRng } from "../../src/random/rng"

describe("the strict date parser", () => {
  it("agrees with closed forms: the epoch, leap days, the Gregorian rule", () => {
    expect(civilDay(1970, 1, 1)).toBe(0)
    expect(parseCalendarDate("1970-01-02")).toBe(1)
    expect(parseCalendarDate("2000-03-01")).toBe(11017) // 30 years of 365 days + 7 leap days + Jan (31) + Feb (29)
    expect(parseCalendarDate("1969-12-31")).toBe(-1)
    expect([daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2023, 2)]).toEqual([
      29, 28, 29, 28,
    ])
    expect(parseDateTimeMinutes("2010-12-01 08:26:00")).toBe(21519866)
    expect(parseDateTimeMinutes("2010-12-01T08:26")).toBe(21519866)
  })

  it("matches Date.UTC (an independent implementation) on 2000 random days of years 1000..9999", () => {
    const rng = createRng(5)
    for (let k = 0; k < 2000; k++) {
      const y = 1000 + Math.floor(rng.next() * 9000)
      const m = 1 + Math.floor(rng.next() * 12)
      const d = 1 + Math.floor(rng.next() * daysInMonth(y, m))
      const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
      expect(parseCalendarDate(text)).toBe(Date.UTC(y, m - 1, d) / 86_400_000)
    }
  })

  it.each([
    "0011-01-05",
    "0999-12-31",
    "2026-02-30",
    "2026-99-99",
    "2023-02-29",
    "2026-04-31",
    "2026-00-10",
    "2026-1-5",
    "26-01-05",
    "2026-01-05x",
    "",
    "10000-01-01",
  ])("refuses %j", (text) => {
    expect(isCalendarDate(text)).toBe(false)
    expect(parseDateTimeMinutes(`${text} 10:00:00`)).toBeNaN()
  })

  it("refuses impossible times", () => {
    for (const t of ["24:00", "12:60", "12:00:60", "7:00"]) expect(parseDateTimeMinutes(`2011-01-05 ${t}`)).toBeNaN()
  })
})
