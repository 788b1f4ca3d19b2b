import { createHash } from "node:crypto"
import { mkdir, readFile, rename, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { lazyValue, loadZod } from "../config/lazy-value"
import type { WeightedTag, InterestTagger, TaggerInput } from "./interest-tagger"

/** Options of the adapter (defaults in brackets). */
export interface OpenAiCompatibleOptions {
  /** Base URL, e.g. http://127.0.0.1:8000/v1 (requests go to `${url}/chat/completions` and `${url}/embeddings`). */
  url: string
  model: string
  /** Sent as `Authorization: Bearer …` when given. */
  apiKey?: string
  /** Per-attempt time limit in ms [20000]. */
  timeoutMs?: number
  /** Extra attempts after the first [2]. */
  retries?: number
  /** Wait before retry k (0-based) = backoffMs · 2^k [500]. */
  backoffMs?: number
  /** Successful responses are cached here as JSON files; failures never are [no cache]. */
  cacheDir?: string
}

const chatResponseSchema = lazyValue(() => {
  const z = loadZod()
  return z.object({
    choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
  })
})
const tagsSchema = lazyValue(() => {
  const z = loadZod()
  return z.object({
    tags: z.array(z.object({ tag: z.string().min(1), weight: z.number().min(0).max(1) })),
  })
})
const embeddingsSchema = lazyValue(() => {
  const z = loadZod()
  return z.object({
    data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
  })
})

/**
 * An `InterestTagger` backed by an OpenAI-compatible HTTP endpoint (`POST /chat/completions`,
 * `POST /embeddings`). Off by default: `OpenAiCompatibleTagger.fromEnv()` returns null unless
 * INTEREST_LAB_LLM_URL and INTEREST_LAB_LLM_MODEL are set (INTEREST_LAB_LLM_KEY optional). Each
 * call has a timeout; failures (network error, timeout, HTTP 429/5xx, a body that is not JSON or
 * does not match the schema) are retried with exponential back-off, then reported as one error
 * naming the attempts and the last cause. Only validated successes are cached on disk.
 * @example
 * const llm = OpenAiCompatibleTagger.fromEnv({ cacheDir: ".cache/llm" })
 * const tagger = llm ?? new ProfileTagger()
 */
export class OpenAiCompatibleTagger implements InterestTagger {
  readonly name = "openai-compatible"
  readonly config: Readonly<
    Required<Omit<OpenAiCompatibleOptions, "apiKey" | "cacheDir">> & { cacheDir: string | null }
  >
  // A true private field: not enumerable, so JSON.stringify, console.log and util.inspect never show it.
  readonly #apiKey: string | undefined

  constructor(options: OpenAiCompatibleOptions) {
    let parsed: URL
    try {
      parsed = new URL(options.url)
    } catch {
      throw new Error(
        `OpenAiCompatibleTagger: url must be an absolute http(s) URL, got ${options.url.includes("@") ? "a text with '@' (not shown)" : JSON.stringify(options.url)}`,
      )
    }
    if (parsed.username !== "" || parsed.password !== "") {
      throw new Error(
        "OpenAiCompatibleTagger: url must not carry credentials (user:password@host); give the key as apiKey (INTEREST_LAB_LLM_KEY)",
      )
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new Error(`OpenAiCompatibleTagger: url must use http or https, got ${parsed.protocol}`)
    if (!options.model) throw new Error("OpenAiCompatibleTagger: model must be a non-empty string")
    const timeoutMs = options.timeoutMs ?? 20_000
    const retries = options.retries ?? 2
    const backoffMs = options.backoffMs ?? 500
    if (!(timeoutMs > 0)) throw new Error(`OpenAiCompatibleTagger: timeoutMs must be > 0, got ${timeoutMs}`)
    if (!Number.isInteger(retries) || retries < 0)
      throw new Error(`OpenAiCompatibleTagger: retries must be an integer >= 0, got ${retries}`)
    if (!(backoffMs >= 0)) throw new Error(`OpenAiCompatibleTagger: backoffMs must be >= 0, got ${backoffMs}`)
    this.config = {
      url: options.url.replace(/\/+$/, ""),
      model: options.model,
      timeoutMs,
      retries,
      backoffMs,
      cacheDir: options.cacheDir ?? null,
    }
    this.#apiKey = options.apiKey
  }

  /** The adapter configured from INTEREST_LAB_LLM_URL / _MODEL / _KEY, or null when they are not set. */
  static fromEnv(
    extra: Omit<OpenAiCompatibleOptions, "url" | "model" | "apiKey"> = {},
    env: NodeJS.ProcessEnv = process.env,
  ): OpenAiCompatibleTagger | null {
    const url = env.INTEREST_LAB_LLM_URL
    const model = env.INTEREST_LAB_LLM_MODEL
    if (!url) return null
    if (!model) throw new Error("OpenAiCompatibleTagger: INTEREST_LAB_LLM_URL is set but INTEREST_LAB_LLM_MODEL is not")
    return new OpenAiCompatibleTagger({ ...extra, url, model, apiKey: env.INTEREST_LAB_LLM_KEY })
  }

  async tag(input: TaggerInput): Promise<WeightedTag[]> {
    const profile = input.categoryNames
      .map((name, c) => `${name}: ${Number(input.categoryProfile[c]).toFixed(3)}`)
      .join("\n")
    const body = {
      model: this.config.model,
      temperature: 0,
      messages: [
        {
          role: "system",
          content:
            'You label shoppers\' interests. Reply with JSON only: {"tags":[{"tag":string,"weight":number in [0,1]}]}.',
        },
        {
          role: "user",
          content: `Category interest weights of user ${input.user}:\n${profile}\nGive at most 5 short interest tags.`,
        },
      ],
    }
    return this.cached("chat", body, "/chat/completions", (json) => {
      const content = chatResponseSchema.parse(json).choices[0].message.content
      let inner: unknown
      try {
        inner = JSON.parse(content)
      } catch {
        throw new Error(`the message content is not JSON: ${content.slice(0, 80)}`)
      }
      return tagsSchema.parse(inner).tags
    })
  }

  /** Embeddings of `texts` from `${url}/embeddings`, in input order. */
  async embed(texts: readonly string[]): Promise<number[][]> {
    return this.cached("embeddings", { model: this.config.model, input: texts }, "/embeddings", (json) => {
      const data = embeddingsSchema.parse(json).data
      if (data.length !== texts.length) throw new Error(`expected ${texts.length} embeddings, got ${data.length}`)
      const out: number[][] = new Array(texts.length)
      for (const d of data) out[d.index] = d.embedding
      if (out.some((e) => e === undefined)) throw new Error("embedding indices do not cover the inputs")
      return out
    })
  }

  private async cached<T>(kind: string, body: unknown, path: string, validate: (json: unknown) => T): Promise<T> {
    const payload = JSON.stringify(body)
    const key = createHash("sha256").update(`${kind}\n${this.config.url}\n${payload}`).digest("hex")
    const dir = this.config.cacheDir
    const file = dir ? join(dir, `${key}.json`) : null
    if (file) {
      const hit = await readFile(file, "utf8").then(
        (text) => text,
        () => null,
      )
      if (hit !== null) return validate(JSON.parse(hit))
    }
    const { json, value } = await this.request(path, payload, validate)
    if (dir && file) {
      await mkdir(dir, { recursive: true })
      const tmp = `${file}.tmp-${process.pid}`
      await writeFile(tmp, JSON.stringify(json))
      await rename(tmp, file)
    }
    return value
  }

  private async request<T>(
    path: string,
    payload: string,
    validate: (json: unknown) => T,
  ): Promise<{ json: unknown; value: T }> {
    const attempts = this.config.retries + 1
    let last = ""
    let made = 0
    for (let attempt = 0; attempt < attempts; attempt++) {
      made++
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.config.backoffMs * 2 ** (attempt - 1)))
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), this.config.timeoutMs)
      try {
        const headers: Record<string, string> = { "content-type": "application/json" }
        if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`
        const res = await fetch(this.config.url + path, {
          method: "POST",
          headers,
          body: payload,
          signal: controller.signal,
        })
        const text = await res.text()
        if (!res.ok) {
          last = `HTTP ${res.status}: ${text.slice(0, 120)}`
          if (res.status !== 429 && res.status < 500) break
          continue
        }
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          last = `the response is not JSON: ${text.slice(0, 80)}`
          continue
        }
        try {
          return { json, value: validate(json) }
        } catch (e) {
          last = `the response does not match the expected schema: ${(e as Error).message.slice(0, 200)}`
        }
      } catch (e) {
        last = controller.signal.aborted
          ? `timed out after ${this.config.timeoutMs} ms`
          : `request failed: ${(e as Error).message}`
      } finally {
        clearTimeout(timer)
      }
    }
    throw new Error(
      this.redact(`OpenAiCompatibleTagger: ${this.config.url}${path} failed after ${made} attempt(s): ${last}`),
    )
  }

  /** `text` with every occurrence of the API key replaced, e.g. when a server echoes the request's headers. */
  private redact(text: string): string {
    const key = this.#apiKey
    return key ? text.split(key).join("[redacted]") : text
  }
}
