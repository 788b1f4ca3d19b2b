import { describe, expect, it } from "vitest"
import { chineseSegmenterAvailable, ENGLISH_STOP_WORDS, Tokenizer } from "../../src/text/tokenizer"

describe("Tokenizer", () => {
  it("splits English on non-letters, lower-cases, and keeps inner apostrophes", () => {
    expect(new Tokenizer().tokenize("Great quality, HIGHLY recommend! Don't buy 2 of them.")).toEqual([
      "great",
      "quality",
      "highly",
      "recommend",
      "don't",
      "buy",
      "2",
      "of",
      "them",
    ])
  })

  it("segments Chinese into words with Intl.Segmenter in this Node", () => {
    expect(chineseSegmenterAvailable()).toBe(true)
    const t = new Tokenizer()
    expect(t.config.chinese).toBe("words")
    expect(t.tokenize("质量很棒，强烈推荐。")).toEqual(["质量", "很", "棒", "强烈", "推荐"])
    // Mixed scripts: a Latin brand glued to Chinese text is split at the script boundary.
    expect(t.tokenize("Meiyan耐用防晒霜")[0]).toBe("meiyan")
  })

  it("falls back to character bigrams or characters", () => {
    expect(new Tokenizer({ chinese: "bigrams" }).tokenize("防晒霜 好 red")).toEqual(["防晒", "晒霜", "好", "red"])
    expect(new Tokenizer({ chinese: "chars" }).tokenize("防晒霜")).toEqual(["防", "晒", "霜"])
  })

  it("drops stop words after lower-casing, keeps negations", () => {
    const t = new Tokenizer({ stopWords: [...ENGLISH_STOP_WORDS, "的"] })
    expect(t.tokenize("The fit is NOT good")).toEqual(["fit", "not", "good"])
    expect(t.tokenize("书的")).toEqual(["书"])
  })

  it("rejects bad options and non-string text", () => {
    expect(() => new Tokenizer({ chinese: "trigrams" as "chars" })).toThrow(/chinese must be/)
    expect(() => new Tokenizer({ cacheSize: -1 })).toThrow(/cacheSize/)
    expect(() => new Tokenizer().tokenize(3 as unknown as string)).toThrow(/text must be a string/)
  })
})
