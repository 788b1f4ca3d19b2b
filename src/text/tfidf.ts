import { CountVectorizer, type CountVectorizerOptions, type Document } from "./count-vectorizer"
import type { SparseMatrix } from "../linalg/matrix"

/** Options of `TfidfVectorizer` (defaults in brackets), on top of the counting options. */
export interface TfidfOptions extends CountVectorizerOptions {
  /** idf = ln((1 + n) / (1 + df)) + 1 (as if one extra document held every term) [true]; else ln(n / df) + 1. */
  smoothIdf?: boolean
  /** tf = 1 + ln(count) instead of the count [false]. */
  sublinearTf?: boolean
  /** Row normalisation: "l2" [default], "l1" or "none". */
  norm?: "l2" | "l1" | "none"
}

/**
 * TF-IDF features: x_dt = tf(t, d) · idf(t), each row then scaled to unit norm, with scikit-learn's
 * `TfidfVectorizer` definitions (idf has the +1 so that terms in every document are not zeroed).
 * Source: Salton & Buckley, "Term-weighting approaches in automatic text retrieval" (1988);
 * scikit-learn user guide §6.2.3.4 for the smoothed idf. Seed 001 §一.2.
 * @example
 * const tfidf = new TfidfVectorizer({ sublinearTf: true })
 * const X = tfidf.fitTransform(world.catalog.descriptionZh) // sparse, one row per item
 */
export class TfidfVectorizer {
  readonly config: Readonly<{ smoothIdf: boolean; sublinearTf: boolean; norm: "l2" | "l1" | "none" }>
  readonly counter: CountVectorizer
  private idfValues: Float64Array | null = null

  constructor(options: TfidfOptions = {}) {
    const norm = options.norm ?? "l2"
    if (norm !== "l2" && norm !== "l1" && norm !== "none")
      throw new Error(`TfidfVectorizer: norm must be "l2", "l1" or "none", got ${String(norm)}`)
    this.config = { smoothIdf: options.smoothIdf ?? true, sublinearTf: options.sublinearTf ?? false, norm }
    this.counter = new CountVectorizer(options)
  }

  /** Learns the vocabulary and the idf weights. */
  fit(docs: ReadonlyArray<Document>): this {
    this.fitTransform(docs)
    return this
  }

  /** `fit(docs)` then `transform(docs)`, tokenizing once. */
  fitTransform(docs: ReadonlyArray<Document>): SparseMatrix {
    const counts = this.counter.fitTransform(docs)
    const df = new Float64Array(counts.nCols)
    for (let p = 0; p < counts.indices.length; p++) df[counts.indices[p]]++
    const n = counts.nRows
    const smooth = this.config.smoothIdf ? 1 : 0
    const idf = new Float64Array(counts.nCols)
    for (let j = 0; j < idf.length; j++) idf[j] = Math.log((n + smooth) / (df[j] + smooth)) + 1
    this.idfValues = idf
    return this.weigh(counts)
  }

  /** TF-IDF rows of `docs` with the fitted vocabulary and idf. */
  transform(docs: ReadonlyArray<Document>): SparseMatrix {
    if (!this.idfValues) throw new Error("TfidfVectorizer.transform: call fit() first")
    return this.weigh(this.counter.transform(docs))
  }

  /** The idf weight of each vocabulary term. */
  get idf(): Float64Array {
    if (!this.idfValues) throw new Error("TfidfVectorizer.idf: call fit() first")
    return this.idfValues
  }

  /** The vocabulary (column order). */
  get vocabulary(): readonly string[] {
    return this.counter.vocabulary
  }

  private weigh(counts: SparseMatrix): SparseMatrix {
    const idf = this.idfValues as Float64Array
    const data = counts.data
    const { sublinearTf, norm } = this.config
    for (let i = 0; i < counts.nRows; i++) {
      const a = counts.indptr[i]
      const b = counts.indptr[i + 1]
      let s = 0
      for (let p = a; p < b; p++) {
        const tf = sublinearTf ? 1 + Math.log(data[p]) : data[p]
        const v = tf * idf[counts.indices[p]]
        data[p] = v
        s += norm === "l2" ? v * v : Math.abs(v)
      }
      if (norm === "none" || s === 0) continue
      const inv = norm === "l2" ? 1 / Math.sqrt(s) : 1 / s
      for (let p = a; p < b; p++) data[p] *= inv
    }
    return counts
  }
}
