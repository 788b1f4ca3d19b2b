import { describe, expect, it } from "vitest"
import * as enc from "../../src/linalg/kernels/wasm-encoding"

describe("WebAssembly binary encoding", () => {
  it("writes unsigned LEB128 as the core specification's examples (§5.2.2)", () => {
    expect(enc.uleb(0)).toEqual([0x00])
    expect(enc.uleb(1)).toEqual([0x01])
    expect(enc.uleb(127)).toEqual([0x7f])
    expect(enc.uleb(128)).toEqual([0x80, 0x01])
    expect(enc.uleb(300)).toEqual([0xac, 0x02])
    expect(enc.uleb(624485)).toEqual([0xe5, 0x8e, 0x26])
    expect(enc.uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f])
  })

  it("writes signed LEB128, the sign carried by bit 6 of the last byte", () => {
    expect(enc.sleb(0)).toEqual([0x00])
    expect(enc.sleb(1)).toEqual([0x01])
    expect(enc.sleb(-1)).toEqual([0x7f])
    expect(enc.sleb(63)).toEqual([0x3f])
    expect(enc.sleb(64)).toEqual([0xc0, 0x00])
    expect(enc.sleb(-64)).toEqual([0x40])
    expect(enc.sleb(-65)).toEqual([0xbf, 0x7f])
    expect(enc.sleb(128)).toEqual([0x80, 0x01])
    expect(enc.sleb(-128)).toEqual([0x80, 0x7f])
    expect(enc.sleb(-123456)).toEqual([0xc0, 0xbb, 0x78])
    expect(enc.sleb(624485)).toEqual([0xe5, 0x8e, 0x26])
  })

  it("builds names, vectors, sections, local accesses, constants and memory immediates", () => {
    expect(enc.name("env")).toEqual([3, 0x65, 0x6e, 0x76])
    expect(enc.name("")).toEqual([0])
    expect(enc.vector([[1, 2], [3]])).toEqual([2, 1, 2, 3])
    expect(enc.vector([])).toEqual([0])
    expect(enc.section(7, [9, 8, 7])).toEqual([7, 3, 9, 8, 7])
    expect(enc.section(1, new Array<number>(200).fill(5)).slice(0, 3)).toEqual([1, 0xc8, 0x01])
    expect(enc.get(3)).toEqual([0x20, 3])
    expect(enc.get(200)).toEqual([0x20, 0xc8, 0x01])
    expect(enc.set(21)).toEqual([0x21, 21])
    expect(enc.i32(32)).toEqual([0x41, 32])
    expect(enc.i32(-4)).toEqual([0x41, 0x7c])
    expect(enc.memarg(4, 16)).toEqual([4, 16])
    expect(enc.memarg(3, 200)).toEqual([3, 0xc8, 0x01])
    expect(enc.f64x2Lane(0)).toEqual([0xfd, 0x21, 0])
    expect(enc.f64x2Lane(1)).toEqual([0xfd, 0x21, 1])
    // f64.const 1: opcode 0x44, then 1.0's IEEE bits 0x3ff0000000000000 little-endian.
    expect(enc.f64(1)).toEqual([0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f])
    expect(enc.f64(-2)).toEqual([0x44, 0, 0, 0, 0, 0, 0, 0x00, 0xc0])
  })

  it("has the opcodes of the specification's instruction index (SIMD ones as 0xfd and a LEB128 code)", () => {
    expect(enc.V128_LOAD).toEqual([0xfd, 0x00])
    expect(enc.V128_LOAD32_SPLAT).toEqual([0xfd, 0x09])
    expect(enc.V128_LOAD64_SPLAT).toEqual([0xfd, 0x0a])
    expect(enc.V128_STORE).toEqual([0xfd, 0x0b])
    expect(enc.V128_ZERO).toEqual([0xfd, 0x0c, ...new Array<number>(16).fill(0)])
    expect(enc.F32X4_SPLAT).toEqual([0xfd, 0x13])
    expect(enc.F64X2_SPLAT).toEqual([0xfd, 0x14])
    // f32x4.sqrt 227, add 228, sub 229, mul 230, div 231, pmax 235; f64x2.add 240, sub 241, mul 242.
    expect(enc.F32X4_SQRT).toEqual([0xfd, 0xe3, 0x01])
    expect(enc.F32X4_ADD).toEqual([0xfd, 0xe4, 0x01])
    expect(enc.F32X4_SUB).toEqual([0xfd, 0xe5, 0x01])
    expect(enc.F32X4_MUL).toEqual([0xfd, 0xe6, 0x01])
    expect(enc.F32X4_DIV).toEqual([0xfd, 0xe7, 0x01])
    expect(enc.F32X4_PMAX).toEqual([0xfd, 0xeb, 0x01])
    expect(enc.F64X2_ADD).toEqual([0xfd, 0xf0, 0x01])
    expect(enc.F64X2_SUB).toEqual([0xfd, 0xf1, 0x01])
    expect(enc.F64X2_MUL).toEqual([0xfd, 0xf2, 0x01])
  })

  it("builds a module: types, the imported memory, functions, exports of the named ones only, code", () => {
    expect(enc.funcType([enc.I32, enc.I32], [enc.I32])).toEqual([0x60, 2, 0x7f, 0x7f, 1, 0x7f])
    expect(enc.funcType([])).toEqual([0x60, 0, 0])
    const I32_LOAD = 0x28
    // function 0 (not exported): memory[a] + b; function 1 "twice": f0(a, a); function 2 "first": f0(0, 0)
    const f0 = [0, ...enc.get(0), I32_LOAD, 2, 0, ...enc.get(1), enc.I32_ADD, enc.END]
    const f1 = [0, ...enc.get(0), ...enc.get(0), 0x10, 0, enc.END]
    const f2 = [0, ...enc.i32(0), ...enc.i32(0), 0x10, 0, enc.END]
    const types = [
      enc.funcType([enc.I32, enc.I32], [enc.I32]),
      enc.funcType([enc.I32], [enc.I32]),
      enc.funcType([], [enc.I32]),
    ]
    const functions = [
      { type: 0, body: [f0.length, ...f0] },
      { type: 1, body: [f1.length, ...f1], export: "twice" },
      { type: 2, body: [f2.length, ...f2], export: "first" },
    ]
    const bytes = enc.moduleBytes(types, functions, [0x00, ...enc.uleb(2)])
    expect(Array.from(bytes.slice(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])
    const exports = [
      7,
      17,
      2,
      5,
      ...Array.from("twice", (c) => c.charCodeAt(0)),
      0,
      1,
      5,
      ...Array.from("first", (c) => c.charCodeAt(0)),
      0,
      2,
    ]
    expect(Array.from(bytes).join(",")).toContain(exports.join(","))
    const wasm = Reflect.get(globalThis, "WebAssembly")
    const memory = new wasm.Memory({ initial: 2 })
    new Int32Array(memory.buffer)[0] = 40
    new Int32Array(memory.buffer)[1] = 7
    const { exports: run } = new wasm.Instance(new wasm.Module(bytes), { env: { memory } })
    expect(Object.keys(run)).toEqual(["twice", "first"])
    expect(run.twice(4)).toBe(11) // memory[4] + 4
    expect(run.first()).toBe(40)
    // each function keeps its own type: the exports' arities are their types' parameter counts
    expect([run.twice.length, run.first.length]).toEqual([1, 0])
    // the default memory: unshared, one page at least
    expect(Array.from(enc.moduleBytes(types, functions)).join(",")).toContain([0x79, 0x02, 0x00, 0x01].join(",")) // "memory", then kind 2 (memory), flags 0, minimum 1
  })
})
