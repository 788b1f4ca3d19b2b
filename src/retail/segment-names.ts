import type { RfmSegmentation } from "./segments"

/** The naming rule, stated in reports next to the names. */
export const SEGMENT_NAME_RULE =
  'Segments are named from their centres in standardised log1p units (0 = the average customer): recency below 0 → "recent", above → "lapsed"; frequency above 0 → "frequent", below → "occasional"; monetary above 0 → "big spenders", below → "small spenders".'

/**
 * A name per segment from its RFM centre (see SEGMENT_NAME_RULE): e.g. "recent frequent big
 * spenders" for a centre (z_R, z_F, z_M) = (−0.9, 1.2, 1.3). Two segments with the same name get
 * their number appended.
 * @example segmentNames(rfmSegmentation(rfm, { k: 4, seed: 0 }))[0] // "recent frequent big spenders"
 */
export function segmentNames(seg: RfmSegmentation): string[] {
  const names = Array.from({ length: seg.k }, (_, s) => {
    const [r, f, m] = [seg.centers[3 * s], seg.centers[3 * s + 1], seg.centers[3 * s + 2]]
    return `${r < 0 ? "recent" : "lapsed"} ${f > 0 ? "frequent" : "occasional"} ${m > 0 ? "big spenders" : "small spenders"}`
  })
  return names.map((n, s) => (names.indexOf(n) !== names.lastIndexOf(n) ? `${n} (${s})` : n))
}
