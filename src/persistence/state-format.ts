/** The format tag and version written into every saved state; `decodeState` refuses others. */
export const STATE_FORMAT = "interest-lab/state"
export const STATE_VERSION = 1

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const
type TypedName = keyof typeof TYPED

/** A JSON value with typed arrays replaced by references into the binary part. */
export type EncodedValue =
  | null
  | boolean
  | number
  | string
  | { $typed: TypedName; offset: number; length: number }
  | { $number: "NaN" | "Infinity" | "-Infinity" }
  | { $map: [EncodedValue, EncodedValue][] }
  | { $set: EncodedValue[] }
  | EncodedValue[]
  | { [key: string]: EncodedValue }

/** A saved state: stable JSON (sorted keys, version, type, fields) and the typed arrays' bytes (little-endian). */
export interface SavedState {
  json: string
  binary: Uint8Array
}

function typedName(v: unknown): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name
  return null
}

function sorted(value: EncodedValue): EncodedValue {
  if (Array.isArray(value)) return value.map(sorted)
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: EncodedValue } = {}
    for (const key of Object.keys(value).sort()) out[key] = sorted((value as { [key: string]: EncodedValue })[key])
    return out
  }
  return value
}

/**
 * Encodes an object's state: its own enumerable fields, recursively through arrays, plain objects and
 * class instances; typed arrays go to the binary part (8-byte aligned, little-endian), non-finite
 * numbers to {"$number": …}, Maps to {"$map": [[key, value], …]} and Sets to {"$set": […]} in their
 * insertion order, functions are skipped; `classOf` may name an instance's class, written as "$class". Keys are visited in sorted order and the JSON has
 * sorted keys, so equal states give byte-identical files.
 * @throws on a value that cannot be saved (a symbol, a bigint), naming its path
 * @example const { json, binary } = encodeState("Ucb", policy)
 */
export function encodeState(
  type: string,
  value: object,
  classOf: (instance: object) => string | undefined = () => undefined,
): SavedState {
  const chunks: { name: TypedName; array: TypedArray; offset: number }[] = []
  let size = 0
  const encode = (v: unknown, path: string): EncodedValue => {
    if (v === null || v === undefined) return null
    if (typeof v === "boolean" || typeof v === "string") return v
    if (typeof v === "number")
      return Number.isFinite(v) ? v : { $number: Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity" }
    const name = typedName(v)
    if (name) {
      const array = v as TypedArray
      const offset = size
      size += Math.ceil(array.byteLength / 8) * 8
      chunks.push({ name, array, offset })
      return { $typed: name, offset, length: array.length }
    }
    if (Array.isArray(v)) return v.map((x, i) => encode(x, `${path}[${i}]`))
    if (v instanceof Map)
      return {
        $map: Array.from(v, ([k, x], i): [EncodedValue, EncodedValue] => [
          encode(k, `${path}<key ${i}>`),
          encode(x, `${path}<${i}>`),
        ]),
      }
    if (v instanceof Set) return { $set: Array.from(v, (x, i) => encode(x, `${path}<${i}>`)) }
    if (typeof v === "object") {
      const out: { [key: string]: EncodedValue } = {}
      const name = classOf(v)
      if (name !== undefined) out.$class = name
      // Sorted keys also fix the binary layout, so equal states give identical bytes whatever the fields' order.
      for (const [key, x] of Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        if (typeof x !== "function") out[key] = encode(x, `${path}.${key}`)
      return out
    }
    throw new Error(`encodeState: ${path} is a ${typeof v}, which cannot be saved`)
  }
  const fields = encode(value, type)
  const binary = new Uint8Array(size)
  const view = new DataView(binary.buffer)
  for (const { name, array, offset } of chunks) writeTyped(view, name, array, offset)
  const json = JSON.stringify(
    sorted({ format: STATE_FORMAT, version: STATE_VERSION, type, byteLength: size, fields }),
    null,
    1,
  )
  return { json: `${json}\n`, binary }
}

function writeTyped(view: DataView, name: TypedName, a: TypedArray, offset: number): void {
  const step = a.BYTES_PER_ELEMENT
  for (let i = 0; i < a.length; i++) {
    const p = offset + i * step
    switch (name) {
      case "Float64Array":
        view.setFloat64(p, a[i], true)
        break
      case "Float32Array":
        view.setFloat32(p, a[i], true)
        break
      case "Int32Array":
        view.setInt32(p, a[i], true)
        break
      case "Uint32Array":
        view.setUint32(p, a[i], true)
        break
      case "Int16Array":
        view.setInt16(p, a[i], true)
        break
      case "Uint16Array":
        view.setUint16(p, a[i], true)
        break
      case "Int8Array":
        view.setInt8(p, a[i])
        break
      case "Uint8Array":
        view.setUint8(p, a[i])
        break
    }
  }
}

function readTyped(view: DataView, name: TypedName, offset: number, length: number): TypedArray {
  const out = new TYPED[name](length)
  const step = out.BYTES_PER_ELEMENT
  for (let i = 0; i < length; i++) {
    const p = offset + i * step
    switch (name) {
      case "Float64Array":
        out[i] = view.getFloat64(p, true)
        break
      case "Float32Array":
        out[i] = view.getFloat32(p, true)
        break
      case "Int32Array":
        out[i] = view.getInt32(p, true)
        break
      case "Uint32Array":
        out[i] = view.getUint32(p, true)
        break
      case "Int16Array":
        out[i] = view.getInt16(p, true)
        break
      case "Uint16Array":
        out[i] = view.getUint16(p, true)
        break
      case "Int8Array":
        out[i] = view.getInt8(p)
        break
      case "Uint8Array":
        out[i] = view.getUint8(p)
        break
    }
  }
  return out
}

/**
 * Decodes a saved state into its type and plain fields (typed arrays rebuilt from the binary part).
 * @throws on another format, a newer version, or a binary part of the wrong size, saying which
 */
export function decodeState(saved: SavedState): { type: string; fields: { [key: string]: unknown } } {
  let header: { format?: unknown; version?: unknown; type?: unknown; byteLength?: unknown; fields?: unknown }
  try {
    header = JSON.parse(saved.json)
  } catch (e) {
    throw new Error(`decodeState: the JSON part is not valid JSON (${(e as Error).message})`)
  }
  if (header.format !== STATE_FORMAT)
    throw new Error(`decodeState: format is ${JSON.stringify(header.format)}, expected "${STATE_FORMAT}"`)
  if (header.version !== STATE_VERSION)
    throw new Error(
      `decodeState: version ${JSON.stringify(header.version)} is not supported (this library reads version ${STATE_VERSION})`,
    )
  if (header.byteLength !== saved.binary.length)
    throw new Error(
      `decodeState: the binary part has ${saved.binary.length} bytes, the JSON expects ${String(header.byteLength)}`,
    )
  const view = new DataView(saved.binary.buffer, saved.binary.byteOffset, saved.binary.byteLength)
  const decode = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(decode)
    if (v !== null && typeof v === "object") {
      const o = v as { [key: string]: unknown }
      if (typeof o.$typed === "string")
        return readTyped(view, o.$typed as TypedName, o.offset as number, o.length as number)
      if (typeof o.$number === "string") return Number(o.$number)
      if (Array.isArray(o.$map))
        return new Map((o.$map as [unknown, unknown][]).map(([k, x]) => [decode(k), decode(x)]))
      if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(decode))
      const out: { [key: string]: unknown } = {}
      for (const [key, x] of Object.entries(o)) out[key] = decode(x)
      return out
    }
    return v
  }
  return { type: String(header.type), fields: decode(header.fields) as { [key: string]: unknown } }
}

/**
 * Writes decoded fields back into a freshly constructed object of the same class: typed arrays are
 * copied into the existing arrays (so `readonly` references stay valid) unless the existing one is
 * empty (a model's placeholder before it is fitted), nested objects are restored in place, other
 * values assigned.
 * @throws when a typed array's length differs from the target's (a different configuration), naming the path
 * @internal
 */
export function restoreInto(target: object, fields: { [key: string]: unknown }, path = "state"): void {
  const t = target as { [key: string]: unknown }
  for (const [key, value] of Object.entries(fields)) {
    const current = t[key]
    const here = `${path}.${key}`
    if (typedName(value) && typedName(current) && (current as TypedArray).length === 0) {
      t[key] = value // an empty array is the placeholder of a model not fitted yet
    } else if (typedName(value) && typedName(current)) {
      const a = current as TypedArray
      const b = value as TypedArray
      if (a.length !== b.length)
        throw new Error(`restoreInto: ${here} has ${b.length} entries saved but ${a.length} in the new object`)
      a.set(b)
    } else if (
      Array.isArray(value) &&
      Array.isArray(current) &&
      current.length === value.length &&
      value.some((x) => typedName(x) || (x !== null && typeof x === "object"))
    ) {
      value.forEach((x, i) => {
        if (typedName(x) && typedName(current[i])) restoreInto(current, { [i]: x }, path)
        else if (x !== null && typeof x === "object" && current[i] !== null && typeof current[i] === "object")
          restoreInto(current[i] as object, x as { [key: string]: unknown }, `${here}[${i}]`)
        else current[i] = x
      })
    } else if (
      value !== null &&
      typeof value === "object" &&
      !typedName(value) &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === "object" &&
      !typedName(current)
    ) {
      restoreInto(current as object, value as { [key: string]: unknown }, here)
    } else {
      t[key] = value
    }
  }
}
