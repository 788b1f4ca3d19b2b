import { describe, expect, it } from "vitest"
import { quoteForMessage, terminalSafe } from "../../src/config/message-text"
import { UserError } from "../../src/config/user-error"

describe("terminalSafe and quoteForMessage", () => {
  it("shows every control character as a visible escape and leaves other text alone", () => {
    expect(terminalSafe("a\u001b[31mb\u0007c")).toBe("a\\x1b[31mb\\x07c")
    expect(terminalSafe("line1\nline2\r\tx\u009b\u2028")).toBe("line1\\nline2\\r\\tx\\x9b\\u2028")
    expect(terminalSafe("Ünïcödé, 中文 and ✓")).toBe("Ünïcödé, 中文 and ✓")
  })

  it("quotes and cuts a long value", () => {
    expect(quoteForMessage("martian")).toBe("'martian'")
    expect(quoteForMessage("x".repeat(100), 10)).toBe(`'${"x".repeat(10)}…'`)
  })

  it("makes every UserError one terminal-safe line", () => {
    expect(new UserError("bad header 'a\u001b]0;pwned\u0007'\nsecond").message).toBe(
      "bad header 'a\\x1b]0;pwned\\x07'\\nsecond",
    )
  })
})
