// Encoding of WebAssembly modules: core specification §5 (binary format) and its fixed-width SIMD
// extension (prefix 0xfd). What the kernels share: common opcodes, LEB128, and the module around their functions.

export const I32 = 0x7f
export const V128 = 0x7b
export const FUNC_TYPE = 0x60
export const IMPORT_MEMORY = 0x02
export const EXPORT_FUNC = 0x00
export const LOCAL_GET = 0x20
export const LOCAL_SET = 0x21
export const LOCAL_TEE = 0x22
export const I32_CONST = 0x41
export const I32_GT_S = 0x4a
export const I32_LT_U = 0x49
export const I32_ADD = 0x6a
export const I32_SUB = 0x6b
export const I32_MUL = 0x6c
export const LOOP = 0x03
export const BR_IF = 0x0d
export const END = 0x0b
export const NO_RESULT = 0x40
export const V128_LOAD = [0xfd, 0x00]
export const V128_LOAD64_SPLAT = [0xfd, 0x0a]
export const V128_STORE = [0xfd, 0x0b]
export const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]
export const F64X2_ADD = [0xfd, 0xf0, 0x01]
export const F64X2_SUB = [0xfd, 0xf1, 0x01]
export const F64X2_MUL = [0xfd, 0xf2, 0x01]
/** Memory limits flag: shared memory with a maximum (threads proposal), the form worker threads need. */
export const LIMITS_SHARED = 0x03

export function uleb(n: number): number[] {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n !== 0) byte |= 0x80
    out.push(byte)
  } while (n !== 0)
  return out
}

export function sleb(n: number): number[] {
  const out: number[] = []
  for (;;) {
    const byte = n & 0x7f
    n >>= 7
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte]
    out.push(byte | 0x80)
  }
}

export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]
export const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]

/** A function type: (params) → (results). */
export const funcType = (params: number[], results: number[] = []): number[] => [
  FUNC_TYPE,
  ...vector(params.map((p) => [p])),
  ...vector(results.map((r) => [r])),
]

/** One function of {@link moduleBytes}: its type's index, its body (locals and code), its export name if any. */
export interface ModuleFunction {
  type: number
  body: number[]
  export?: string
}

/**
 * The bytes of a module that imports its memory as `env.memory` (`memory`: the limits; default an unshared
 * memory of at least one page) and has the function `types` (each from {@link funcType}) and `functions`,
 * exported under their names in their order.
 * @example moduleBytes([funcType([I32], [I32])], [{ type: 0, body: [0, 0x20, 0, 0x0b], export: "id" }])
 */
export function moduleBytes(types: number[][], functions: ModuleFunction[], memory = [0x00, ...uleb(1)]): Uint8Array {
  const exported = functions.flatMap((f, i) =>
    f.export === undefined ? [] : [[...name(f.export), EXPORT_FUNC, ...uleb(i)]],
  )
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([[...name("env"), ...name("memory"), IMPORT_MEMORY, ...memory]])),
    ...section(3, vector(functions.map((f) => uleb(f.type)))),
    ...section(7, vector(exported)),
    ...section(10, vector(functions.map((f) => f.body))),
  ])
}
export const get = (i: number): number[] => [LOCAL_GET, ...uleb(i)]
export const set = (i: number): number[] => [LOCAL_SET, ...uleb(i)]
export const i32 = (n: number): number[] => [I32_CONST, ...sleb(n)]
/** A memory access immediate: alignment exponent, then byte offset. */
export const memarg = (align: number, offset: number): number[] => [align, ...uleb(offset)]
export const F32 = 0x7d
export const V128_LOAD32_SPLAT = [0xfd, 0x09]
export const F32X4_SPLAT = [0xfd, 0x13]
export const F32X4_ADD = [0xfd, 0xe4, 0x01]
export const F32X4_MUL = [0xfd, 0xe6, 0x01]
export const F32X4_PMAX = [0xfd, 0xeb, 0x01]
export const F32X4_SUB = [0xfd, 0xe5, 0x01]
export const F32X4_DIV = [0xfd, 0xe7, 0x01]
export const F32X4_SQRT = [0xfd, 0xe3, 0x01]
export const F64 = 0x7c
export const BLOCK = 0x02
export const CALL = 0x10
export const I32_LOAD = 0x28
export const F64_LOAD = 0x2b
export const F64_STORE = 0x39
export const I32_LT_S = 0x48
export const I32_GE_S = 0x4e
export const I32_SHL = 0x74
export const F64_ADD = 0xa0
export const F64_SUB = 0xa1
export const F64_MUL = 0xa2
export const F64X2_SPLAT = [0xfd, 0x14]
/** f64x2.extract_lane of `lane` (0 or 1). */
export const f64x2Lane = (lane: number): number[] => [0xfd, 0x21, lane]
/** An f64 constant (little-endian IEEE bits). */
export function f64(x: number): number[] {
  const bytes = new Uint8Array(new Float64Array([x]).buffer)
  return [0x44, ...bytes]
}
