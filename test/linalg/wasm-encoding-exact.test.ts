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
})
