/**
 * Text from the user's data, made safe to quote in a one-line terminal message.
 */

// C0 controls (line breaks included), DEL, C1 controls, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * Replaces every control character by a visible escape (`\x1b`, `\n`…), so that a terminal
 * escape sequence or a line break in a data value cannot reach the terminal or split the line.
 * @example terminalSafe("a\u001b[31mb") // "a\\x1b[31mb"
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n"
    if (c === "\r") return "\\r"
    if (c === "\t") return "\\t"
    const code = c.charCodeAt(0)
    return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`
  })
}

/**
 * A data value quoted for a message: terminal-safe, in single quotes, cut to `max` characters.
 * @example quoteForMessage("martian") // "'martian'"
 */
export function quoteForMessage(text: string, max = 80): string {
  const safe = terminalSafe(text)
  return `'${safe.length > max ? `${safe.slice(0, max)}…` : safe}'`
}
