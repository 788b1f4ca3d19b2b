/**
 * A binary-labelled feature matrix held by one client (or pooled centrally): row r is
 * x[r·d .. (r+1)·d), its label y[r] ∈ {0, 1}.
 */
export interface LabelledData {
  readonly n: number
  readonly d: number
  readonly x: Float64Array
  readonly y: Uint8Array
}

/**
 * Splits a pooled dataset into clients by a key per row (a region, a user…): client k holds the
 * rows whose key is k, in their original order. Clients without rows are dropped.
 * @throws if a key is not a non-negative integer or keys and rows disagree in number
 * @example splitByClient(data, regionOfRow) // one client per region
 */
export function splitByClient(data: LabelledData, key: ArrayLike<number>): LabelledData[] {
  if (key.length !== data.n) throw new Error(`splitByClient: key has ${key.length} entries for ${data.n} rows`)
  let nClients = 0
  for (let r = 0; r < data.n; r++) {
    const k = key[r]
    if (!(Number.isInteger(k) && k >= 0))
      throw new Error(`splitByClient: key of row ${r} must be a non-negative integer, got ${k}`)
    nClients = Math.max(nClients, k + 1)
  }
  const sizes = new Int32Array(nClients)
  for (let r = 0; r < data.n; r++) sizes[key[r]]++
  const clients = Array.from(sizes, (n) => ({ n, d: data.d, x: new Float64Array(n * data.d), y: new Uint8Array(n) }))
  const fill = new Int32Array(nClients)
  for (let r = 0; r < data.n; r++) {
    const c = clients[key[r]]
    const p = fill[key[r]]++
    c.x.set(data.x.subarray(r * data.d, (r + 1) * data.d), p * data.d)
    c.y[p] = data.y[r]
  }
  return clients.filter((c) => c.n > 0)
}

/** Concatenates clients' data into one pooled dataset (what central training sees). */
export function poolClients(clients: readonly LabelledData[]): LabelledData {
  if (clients.length === 0) throw new Error("poolClients: clients must not be empty")
  const d = clients[0].d
  const n = clients.reduce((s, c) => s + c.n, 0)
  const x = new Float64Array(n * d)
  const y = new Uint8Array(n)
  let at = 0
  for (const c of clients) {
    if (c.d !== d) throw new Error(`poolClients: clients have ${c.d} and ${d} features`)
    x.set(c.x, at * d)
    y.set(c.y, at)
    at += c.n
  }
  return { n, d, x, y }
}
