import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { OpenAiCompatibleTagger } from "../../src/llm/openai-compatible-tagger"
import { ProfileTagger } from "../../src/llm/profile-tagger"

type Mode = "ok" | "slow" | "malformed" | "wrong-schema" | "flaky" | "unauthorized" | "echo"
let mode: Mode = "ok"
let hits = 0
let lastAuth: string | undefined
let server: Server
let url = ""
let cacheDir = ""

function handler(req: IncomingMessage, res: ServerResponse): void {
  let body = ""
  req.on("data", (c) => (body += c))
  req.on("end", () => {
    hits++
    lastAuth = req.headers.authorization
    const request = JSON.parse(body) as { model: string; input?: string[] }
    const send = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "application/json" })
      res.end(text)
    }
    if (mode === "slow") return void setTimeout(() => send(200, "{}"), 1000)
    if (mode === "malformed") return send(200, '{"choices": [')
    if (mode === "wrong-schema") return send(200, JSON.stringify({ choices: [] }))
    if (mode === "unauthorized") return send(401, '{"error":"bad key"}')
    if (mode === "echo")
      return send(400, JSON.stringify({ error: `bad request with header authorization: ${req.headers.authorization}` }))
    if (mode === "flaky" && hits === 1) return send(503, "busy")
    if (req.url === "/v1/embeddings") {
      return send(
        200,
        JSON.stringify({
          data: (request.input ?? []).map((t, index) => ({ index, embedding: [t.length, index] })).reverse(),
        }),
      )
    }
    const content = JSON.stringify({
      tags: [
        { tag: "running shoes", weight: 0.7 },
        { tag: "outdoor", weight: 0.2 },
      ],
    })
    send(200, JSON.stringify({ choices: [{ message: { role: "assistant", content } }], model: request.model }))
  })
}

const input = { user: 7, categoryProfile: [0.7, 0.2, 0.1], categoryNames: ["shoes", "outdoor", "books"] }

beforeAll(async () => {
  server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await rm(cacheDir, { recursive: true, force: true })
})
beforeEach(async () => {
  mode = "ok"
  hits = 0
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true })
  cacheDir = await mkdtemp(join(tmpdir(), "il-llm-"))
})

const make = (extra: Partial<ConstructorParameters<typeof OpenAiCompatibleTagger>[0]> = {}) =>
  new OpenAiCompatibleTagger({
    url,
    model: "tiny",
    apiKey: "k-123",
    timeoutMs: 5000,
    retries: 2,
    backoffMs: 5,
    cacheDir,
    ...extra,
  })

describe("OpenAiCompatibleTagger against a local server", () => {
  it("parses tags, sends the key, and caches the success", async () => {
    const tagger = make()
    expect(await tagger.tag(input)).toEqual([
      { tag: "running shoes", weight: 0.7 },
      { tag: "outdoor", weight: 0.2 },
    ])
    expect(lastAuth).toBe("Bearer k-123")
    expect(hits).toBe(1)
    expect((await readdir(cacheDir)).length).toBe(1)
    await tagger.tag(input)
    expect(hits).toBe(1)
  })

  it("returns embeddings in input order", async () => {
    expect(await make().embed(["ab", "abcd"])).toEqual([
      [2, 0],
      [4, 1],
    ])
  })

  it("retries a 503 and then succeeds", async () => {
    mode = "flaky"
    expect((await make().tag(input)).length).toBe(2)
    expect(hits).toBe(2)
  })

  it("times out: a clear error after the stated retries, nothing cached", async () => {
    mode = "slow"
    await expect(make({ timeoutMs: 150 }).tag(input)).rejects.toThrow(
      /failed after 3 attempt\(s\): timed out after 150 ms/,
    )
    expect(hits).toBe(3)
    expect(await readdir(cacheDir)).toEqual([])
  })

  it("malformed JSON: a clear error after the stated retries, nothing cached", async () => {
    mode = "malformed"
    await expect(make({ retries: 1 }).tag(input)).rejects.toThrow(
      /failed after 2 attempt\(s\): the response is not JSON/,
    )
    expect(hits).toBe(2)
    expect(await readdir(cacheDir)).toEqual([])
  })

  it("a response that breaks the schema is an error, nothing cached", async () => {
    mode = "wrong-schema"
    await expect(make({ retries: 0 }).tag(input)).rejects.toThrow(/does not match the expected schema/)
    expect(await readdir(cacheDir)).toEqual([])
  })

  it("does not retry a 401", async () => {
    mode = "unauthorized"
    await expect(make().tag(input)).rejects.toThrow(/failed after 1 attempt\(s\): HTTP 401/)
    expect(hits).toBe(1)
  })

  it("keeps the key out of JSON, console.log, util.inspect and error messages, even when the server echoes it", async () => {
    const tagger = make({ apiKey: "sk-secret-123456" })
    expect(JSON.stringify(tagger)).not.toContain("sk-secret")
    expect(inspect(tagger, { depth: 5, showHidden: true })).not.toContain("sk-secret")
    expect(Object.keys(tagger)).not.toContain("apiKey")
    mode = "echo"
    const error = await tagger.tag(input).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error?.message).toContain("Bearer [redacted]")
    expect(error?.message).not.toContain("sk-secret")
    expect(lastAuth).toBe("Bearer sk-secret-123456")
  })

  it("refuses a URL with credentials, without echoing them", () => {
    expect(() => make({ url: "http://user:pw-456@127.0.0.1:1/v1" })).toThrow(
      "OpenAiCompatibleTagger: url must not carry credentials (user:password@host); give the key as apiKey (INTEREST_LAB_LLM_KEY)",
    )
    expect(() => make({ url: "not a url pw-456@x" })).toThrow(/^(?!.*pw-456).*url must be an absolute http\(s\) URL/)
  })

  it("is off unless the environment configures it", () => {
    expect(OpenAiCompatibleTagger.fromEnv({}, {})).toBeNull()
    expect(
      OpenAiCompatibleTagger.fromEnv({}, { INTEREST_LAB_LLM_URL: url, INTEREST_LAB_LLM_MODEL: "m" })?.config.model,
    ).toBe("m")
    expect(() => OpenAiCompatibleTagger.fromEnv({}, { INTEREST_LAB_LLM_URL: url })).toThrow(
      /INTEREST_LAB_LLM_MODEL is not/,
    )
    expect(() => new OpenAiCompatibleTagger({ url: "nope", model: "m" })).toThrow(
      /url must be an absolute http\(s\) URL/,
    )
  })
})

describe("ProfileTagger", () => {
  it("tags the heaviest categories above the threshold", async () => {
    expect(await new ProfileTagger({ maxTags: 2, minWeight: 0.15 }).tag(input)).toEqual([
      { tag: "shoes", weight: 0.7 },
      { tag: "outdoor", weight: 0.2 },
    ])
    await expect(new ProfileTagger().tag({ ...input, categoryNames: ["a"] })).rejects.toThrow(
      /3 entries for 1 category names/,
    )
    expect(() => new ProfileTagger({ maxTags: 0 })).toThrow(/maxTags must be a positive integer/)
  })
})
