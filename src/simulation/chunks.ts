/**
 * Splits R runs into chunks whose boundaries depend only on R (never on the number of workers):
 * chunk sums are added in chunk order, so results are bit-identical whatever the worker count.
 */
export function runChunks(runs: number): [number, number][] {
  const size = Math.max(1, Math.ceil(runs / 64))
  const out: [number, number][] = []
  for (let first = 0; first < runs; first += size) out.push([first, Math.min(runs, first + size)])
  return out
}
