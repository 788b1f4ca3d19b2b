import type { LinkageMatrix } from "./hierarchical"

/** What a dendrogram plot needs: the leaves left to right and one ⊓-shaped link per merge. */
export interface DendrogramData {
  /** Point indices in left-to-right order (SciPy's `leaves_list`). */
  leaves: Int32Array
  /** Per merge, in the order of the linkage matrix: the ⊓'s four x and four y coordinates. */
  links: { x: [number, number, number, number]; y: [number, number, number, number] }[]
}

/**
 * Lays out a linkage matrix as a dendrogram the way SciPy's `dendrogram(Z, no_plot=True)` does:
 * leaf i of the left-to-right order sits at x = 10·i + 5, a merge is drawn at its height between
 * the x of its two children (left child `Z.left`), a leaf's height is 0.
 * @example
 * const { leaves, links } = dendrogram(agglomerative(X, "average"))
 * links.map((l) => ({ x: l.x, y: l.y, type: "scatter", mode: "lines" })) // Plotly traces
 */
export function dendrogram(Z: LinkageMatrix): DendrogramData {
  const n = Z.n
  const leaves = new Int32Array(n)
  const x = new Float64Array(2 * n - 1)
  const y = new Float64Array(2 * n - 1)
  let next = 0
  // iterative post-order walk from the root, left child first
  const stack: number[] = [2 * n - 2]
  const visited = new Uint8Array(2 * n - 1)
  while (stack.length > 0) {
    const v = stack[stack.length - 1]
    if (v < n) {
      leaves[next] = v
      x[v] = 10 * next + 5
      next++
      stack.pop()
      continue
    }
    const row = v - n
    if (!visited[v]) {
      visited[v] = 1
      stack.push(Z.right[row], Z.left[row])
      continue
    }
    stack.pop()
    x[v] = 0.5 * (x[Z.left[row]] + x[Z.right[row]])
    y[v] = Z.height[row]
  }
  if (n === 1) return { leaves, links: [] }
  const links = Array.from({ length: n - 1 }, (_, i) => {
    const l = Z.left[i]
    const r = Z.right[i]
    return {
      x: [x[l], x[l], x[r], x[r]] as [number, number, number, number],
      y: [y[l], Z.height[i], Z.height[i], y[r]] as [number, number, number, number],
    }
  })
  return { leaves, links }
}
