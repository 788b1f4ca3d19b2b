import type { SparseMatrix } from "../linalg/matrix"
import { Tokenizer } from "./tokenizer"

/** A document: raw text (tokenized by the vectorizer's tokenizer) or a list of tokens. */
export type Document = string | readonly string[]

/** Options of `CountVectorizer` (defaults in brackets). */
export interface CountVectorizerOptions {
  /** Tokenizer for documents given as strings [new Tokenizer()]. */
  tokenizer?: Tokenizer
  /** Keep terms in at least this many documents (integer ≥ 1) or this share of them (in (0, 1)) [1]. */
  minDf?: number
  /** Drop terms in more than this many documents (integer) or share of them (in (0, 1]) [1.0]. */
  maxDf?: number
  /** Keep only the most frequent terms (by total count, ties alphabetical) [all]. */
  maxFeatures?: number
}

/**
 * Term counts: learns a vocabulary (sorted, as scikit-learn's `CountVectorizer`) and turns each
 * document into a sparse row of term counts. Terms unseen at fit time are ignored.
 * @example
 * const cv = new CountVectorizer().fit([["red", "dress"], ["red", "shoes"]])
 * cv.vocabulary // ["dress", "red", "shoes"]
 */
export class CountVectorizer {
  readonly config: Readonly<{ tokenizer: Tokenizer; minDf: number; maxDf: number; maxFeatures: number }>
  private terms: string[] | null = null
  private index: Map<string, number> | null = null

  constructor(options: CountVectorizerOptions = {}) {
    const minDf = options.minDf ?? 1
    const maxDf = options.maxDf ?? 1.0
    const maxFeatures = options.maxFeatures ?? Infinity
    checkDf(minDf, "minDf")
    checkDf(maxDf, "maxDf")
    if (!(maxFeatures === Infinity || (Number.isInteger(maxFeatures) && maxFeatures >= 1))) {
      throw new Error(`CountVectorizer: maxFeatures must be an integer >= 1, got ${maxFeatures}`)
    }
    this.config = { tokenizer: options.tokenizer ?? new Tokenizer(), minDf, maxDf, maxFeatures }
  }

  /**
   * Learns the vocabulary from `docs`.
   * @throws on no documents, or when the document-frequency limits leave no term
   */
  fit(docs: ReadonlyArray<Document>): this {
    this.fitTransform(docs)
    return this
  }

  /** `fit(docs)` then `transform(docs)`, tokenizing each document once. */
  fitTransform(docs: ReadonlyArray<Document>): SparseMatrix {
    if (docs.length === 0) throw new Error("CountVectorizer.fit: docs must not be empty")
    const tokens = docs.map((d, i) => this.tokens(d, i, "fit"))
    const df = new Map<string, number>()
    const tf = new Map<string, number>()
    const seen = new Set<string>()
    for (const doc of tokens) {
      seen.clear()
      for (const t of doc) {
        tf.set(t, (tf.get(t) ?? 0) + 1)
        if (!seen.has(t)) {
          seen.add(t)
          df.set(t, (df.get(t) ?? 0) + 1)
        }
      }
    }
    const n = docs.length
    const { minDf, maxDf, maxFeatures } = this.config
    const lo = minDf >= 1 ? minDf : minDf * n
    const hi = Number.isInteger(maxDf) && maxDf > 1 ? maxDf : maxDf * n
    let terms = Array.from(df.keys()).filter((t) => {
      const d = df.get(t) as number
      return d >= lo && d <= hi
    })
    if (terms.length === 0)
      throw new Error(
        `CountVectorizer.fit: no term is left after minDf = ${minDf} and maxDf = ${maxDf} (${df.size} distinct terms)`,
      )
    if (terms.length > maxFeatures) {
      terms.sort((a, b) => (tf.get(b) as number) - (tf.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0))
      terms = terms.slice(0, maxFeatures)
    }
    terms.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    this.terms = terms
    this.index = new Map(terms.map((t, j) => [t, j]))
    return this.countRows(tokens)
  }

  /** The learned terms; column j of the output counts `vocabulary[j]`. */
  get vocabulary(): readonly string[] {
    if (!this.terms) throw new Error("CountVectorizer.vocabulary: call fit() first")
    return this.terms
  }

  /** The column of `term`, or −1 if it is not in the vocabulary. */
  columnOf(term: string): number {
    if (!this.index) throw new Error("CountVectorizer.columnOf: call fit() first")
    return this.index.get(term) ?? -1
  }

  /** Sparse counts (documents × vocabulary); each row's columns ascending. */
  transform(docs: ReadonlyArray<Document>): SparseMatrix {
    if (!this.index) throw new Error("CountVectorizer.transform: call fit() first")
    return this.countRows(docs.map((d, i) => this.tokens(d, i, "transform")))
  }

  private tokens(doc: Document, i: number, who: string): readonly string[] {
    if (typeof doc === "string") return this.config.tokenizer.tokenize(doc)
    if (!Array.isArray(doc))
      throw new Error(`CountVectorizer.${who}: docs[${i}] must be a string or an array of tokens, got ${typeof doc}`)
    return doc
  }

  private countRows(tokens: ReadonlyArray<readonly string[]>): SparseMatrix {
    const index = this.index as Map<string, number>
    const V = index.size
    const counts = new Float64Array(V)
    const touched = new Int32Array(V)
    const indptr = new Int32Array(tokens.length + 1)
    let indices = new Int32Array(Math.max(16, tokens.length * 8))
    let data = new Float64Array(indices.length)
    let nnz = 0
    for (let r = 0; r < tokens.length; r++) {
      let m = 0
      for (const t of tokens[r]) {
        const j = index.get(t)
        if (j === undefined) continue
        if (counts[j] === 0) touched[m++] = j
        counts[j]++
      }
      if (nnz + m > indices.length) {
        const size = Math.max(indices.length * 2, nnz + m)
        const grownI = new Int32Array(size)
        grownI.set(indices.subarray(0, nnz))
        const grownD = new Float64Array(size)
        grownD.set(data.subarray(0, nnz))
        indices = grownI
        data = grownD
      }
      const row = touched.subarray(0, m).sort()
      for (let k = 0; k < m; k++) {
        const j = row[k]
        indices[nnz] = j
        data[nnz] = counts[j]
        counts[j] = 0
        nnz++
      }
      indptr[r + 1] = nnz
    }
    return {
      kind: "csr",
      nRows: tokens.length,
      nCols: V,
      indptr,
      indices: indices.slice(0, nnz),
      data: data.slice(0, nnz),
    }
  }
}

function checkDf(v: number, name: string): void {
  const ok = (Number.isInteger(v) && v >= 1) || (v > 0 && v <= 1)
  if (!ok) throw new Error(`CountVectorizer: ${name} must be an integer count >= 1 or a share in (0, 1], got ${v}`)
}
