/**
 * The one template of the xoshiro128** step that the kernels in src/simulation/kernels inline on
 * state words held in locals: after a marker line `// @xoshiro s → out` (or `… signed`), the block
 * that steps s0..s3 and assigns the word to `out` (declared before). Locals cannot be passed to a
 * helper function, and helpers on a typed array or an object were slower than locals kept in
 * registers, so the step is written out at every use and kept equal to this template by
 * xoshiro-steps.test.ts, which also rewrites every block from it when run with KERNEL_STEPS=write.
 */
export function xoshiroStep(state: string, out: string, signed: boolean, indent: string): string[] {
  const [s0, s1, s2, s3] = [0, 1, 2, 3].map((i) => `${state}${i}`)
  const body = [
    `const q = Math.imul(${s1}, 5)`,
    `${out} = Math.imul((q << 7) | (q >>> 25), 9)${signed ? "" : " >>> 0"}`,
    `const k = ${s1} << 9`,
    `const n2 = ${s2} ^ ${s0}`,
    `const n3 = ${s3} ^ ${s1}`,
    `${s1} ^= n2`,
    `${s0} ^= n3`,
    `${s2} = n2 ^ k`,
    `${s3} = (n3 << 11) | (n3 >>> 21)`,
  ]
  return [`${indent}{`, ...body.map((line) => `${indent}  ${line}`), `${indent}}`]
}

/** A marker line: indentation, state prefix, output variable, signedness. */
export const MARKER = /^(\s*)\/\/ @xoshiro (\w) → (\w+)( signed)?$/
