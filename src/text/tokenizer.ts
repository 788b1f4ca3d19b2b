/** Options of `Tokenizer` (defaults in brackets). */
export interface TokenizerOptions {
  /**
   * How runs of Chinese characters become tokens: "words" [default] by the ICU word segmenter
   * (`Intl.Segmenter("zh", { granularity: "word" })`), falling back to "bigrams" where the runtime
   * has no segmenter; "bigrams": overlapping character bigrams (a run of one character stays a
   * unigram); "chars": single characters.
   */
  chinese?: "words" | "bigrams" | "chars"
  /** Lower-case Latin text [true]. */
  lowercase?: boolean
  /** Tokens to drop (compared after lower-casing) [none]. */
  stopWords?: Iterable<string>
  /** Distinct Chinese runs whose segmentation is memoised [100000]; product text repeats a lot. */
  cacheSize?: number
}

/** Whether this runtime has a Chinese word segmenter (`Intl.Segmenter` with ICU data for zh). */
export function chineseSegmenterAvailable(): boolean {
  try {
    const seg = new Intl.Segmenter("zh", { granularity: "word" })
    return Array.from(seg.segment("手机壳"), (s) => s.segment).length >= 1
  } catch {
    return false
  }
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u

/** Han ideographs: CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B+ (astral). */
function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  )
}

/** 0: separator, 1: Latin/other letter or digit, 2: Han. ASCII first, the Unicode test only for the rest. */
function charClass(cp: number, ch: string): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) ? 1 : 0
  if (isHan(cp)) return 2
  return LETTER_OR_DIGIT.test(ch) ? 1 : 0
}

/**
 * A tokenizer for Chinese and English product and review text. Latin words and numbers are split
 * on anything that is not a letter or digit (as scikit-learn's default pattern does, but keeping
 * one-letter words); Chinese runs are segmented into words by ICU's dictionary-based segmenter,
 * or into character n-grams (the fall-back of Chinese IR systems, e.g. Nie et al., SIGIR 2000).
 *
 * @example
 * new Tokenizer().tokenize("Meiyan耐用防晒霜, one-year warranty")
 * // ["meiyan", "耐用", "防晒霜", "one", "year", "warranty"]
 * new Tokenizer({ chinese: "bigrams" }).tokenize("防晒霜") // ["防晒", "晒霜"]
 */
export class Tokenizer {
  readonly config: Readonly<{
    chinese: "words" | "bigrams" | "chars"
    lowercase: boolean
    stopWords: ReadonlySet<string>
    cacheSize: number
  }>
  private readonly segmenter: Intl.Segmenter | null
  private readonly cache = new Map<string, string[]>()

  constructor(options: TokenizerOptions = {}) {
    const requested = options.chinese ?? "words"
    if (requested !== "words" && requested !== "bigrams" && requested !== "chars") {
      throw new Error(`Tokenizer: chinese must be "words", "bigrams" or "chars", got ${String(requested)}`)
    }
    const cacheSize = options.cacheSize ?? 100000
    if (!Number.isInteger(cacheSize) || cacheSize < 0)
      throw new Error(`Tokenizer: cacheSize must be an integer >= 0, got ${cacheSize}`)
    const lowercase = options.lowercase ?? true
    const stopWords = new Set(Array.from(options.stopWords ?? [], (w) => (lowercase ? w.toLowerCase() : w)))
    this.segmenter =
      requested === "words" && chineseSegmenterAvailable() ? new Intl.Segmenter("zh", { granularity: "word" }) : null
    const chinese = requested === "words" && !this.segmenter ? "bigrams" : requested
    this.config = { chinese, lowercase, stopWords, cacheSize }
  }

  /** The tokens of `text`, in order. */
  tokenize(text: string): string[] {
    if (typeof text !== "string") throw new Error(`Tokenizer.tokenize: text must be a string, got ${typeof text}`)
    const out: string[] = []
    const n = text.length
    let start = 0
    let runClass = 0
    for (let i = 0; i <= n; ) {
      const cp = i < n ? (text.codePointAt(i) as number) : 32
      const width = cp > 0xffff ? 2 : 1
      let cls = i < n ? charClass(cp, text.slice(i, i + width)) : 0
      // An apostrophe between two Latin letters stays inside the word ("don't").
      if (
        cls === 0 &&
        runClass === 1 &&
        (cp === 39 || cp === 0x2019) &&
        i + 1 < n &&
        charClass(text.charCodeAt(i + 1), text[i + 1]) === 1
      )
        cls = 1
      if (cls !== runClass) {
        if (runClass !== 0) this.emit(text.slice(start, i), runClass, out)
        start = i
        runClass = cls
      }
      i += width
    }
    return out
  }

  private emit(run: string, cls: number, out: string[]): void {
    const stop = this.config.stopWords
    if (cls === 2) {
      for (const t of this.chineseTokens(run)) if (!stop.has(t)) out.push(t)
    } else {
      const t = this.config.lowercase ? run.toLowerCase() : run
      if (!stop.has(t)) out.push(t)
    }
  }

  private chineseTokens(run: string): string[] {
    const cached = this.cache.get(run)
    if (cached) return cached
    let tokens: string[]
    if (this.segmenter) {
      tokens = []
      for (const s of this.segmenter.segment(run)) if (s.isWordLike) tokens.push(s.segment)
    } else if (this.config.chinese === "chars" || run.length === 1) {
      tokens = Array.from(run)
    } else {
      const chars = Array.from(run)
      tokens = []
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1])
    }
    if (this.config.cacheSize > 0) {
      if (this.cache.size >= this.config.cacheSize) this.cache.clear()
      this.cache.set(run, tokens)
    }
    return tokens
  }
}

/** A small English stop-word list (articles, pronouns, auxiliaries, prepositions); negations are kept. */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  "a",
  "an",
  "the",
  "and",
  "or",
  "of",
  "to",
  "in",
  "on",
  "for",
  "with",
  "at",
  "by",
  "from",
  "as",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "it",
  "its",
  "this",
  "that",
  "these",
  "those",
  "i",
  "my",
  "me",
  "we",
  "our",
  "you",
  "your",
  "he",
  "she",
  "they",
  "them",
  "their",
  "his",
  "her",
  "after",
  "but",
  "so",
  "if",
  "than",
  "then",
  "there",
  "which",
  "who",
  "what",
]

/** A small Chinese stop-word list (particles and function words); negations (不, 没) are kept. */
export const CHINESE_STOP_WORDS: readonly string[] = [
  "的",
  "了",
  "和",
  "是",
  "就",
  "都",
  "而",
  "及",
  "与",
  "着",
  "或",
  "一个",
  "这个",
  "那个",
  "也",
  "很",
  "有点",
  "吧",
  "呢",
  "啊",
]
