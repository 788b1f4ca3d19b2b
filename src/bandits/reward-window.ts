/**
 * The last `size` (arm, reward) pairs in a ring buffer, with per-arm counts and reward sums of
 * exactly those pairs, kept in O(1) per push. Used by the sliding-window policies.
 */
export class RewardWindow {
  readonly size: number
  readonly counts: Float64Array
  readonly sums: Float64Array
  private readonly arms: Int32Array
  private readonly rewards: Float64Array
  private next = 0
  private filled = 0

  constructor(nArms: number, size: number) {
    this.size = size
    this.counts = new Float64Array(nArms)
    this.sums = new Float64Array(nArms)
    this.arms = new Int32Array(size)
    this.rewards = new Float64Array(size)
  }

  /** Number of pairs currently in the window, min(t, size). */
  get length(): number {
    return this.filled
  }

  push(arm: number, reward: number): void {
    if (this.filled === this.size) {
      const old = this.arms[this.next]
      this.counts[old]--
      // Recompute the sum of an emptied arm exactly, so rounding never leaves a residue.
      this.sums[old] = this.counts[old] === 0 ? 0 : this.sums[old] - this.rewards[this.next]
    } else this.filled++
    this.arms[this.next] = arm
    this.rewards[this.next] = reward
    this.counts[arm]++
    this.sums[arm] += reward
    this.next = (this.next + 1) % this.size
  }

  clear(): void {
    this.counts.fill(0)
    this.sums.fill(0)
    this.next = 0
    this.filled = 0
  }
}
