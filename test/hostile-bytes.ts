import fc from "fast-check"

/** Small valid inputs of each loader, the seeds of `hostile`. */
export const RETAIL = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  '536365,85123A,"WHITE HANGING HEART, T-LIGHT",6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
  "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom",
].join("\n")
export const OBD = [
  "timestamp,item_id,position,click,propensity_score,user_feature_0,user-item_affinity_0",
  "2019-11-24,3,1,0,0.0294,a,0.5",
  "2019-11-24,0,3,1,0.0294,b,0",
].join("\n")
export const ITEMS = ["item_id,item_feature_0", "0,x", "1,y", "2,z", "3,w"].join("\n")
export const BANDIT = ["action,position,reward,propensity,age", "2,0,1.5,0.25,31", "0,1,0,0.5,40"].join("\n")
export const YAML =
  "environment:\n  type: bernoulli\n  probabilities: [0.2, 0.8]\npolicies:\n  - { type: ucb1 }\nhorizon: 10\nruns: 1\nseed: 3\n"
export const JSON_CONFIG = '{"users": 5, "items": 10, "startDate": "2026-01-05", "faults": {"missingRate": 0.1}}'

/** Raw bytes, or a valid file with random edits (inserted text or bytes, cut ranges): both reach deep into the parsers. */
export function hostile(valid: string): fc.Arbitrary<Uint8Array> {
  const text = Buffer.from(valid)
  const edit = fc.tuple(
    fc.nat({ max: text.length }),
    fc.nat({ max: 8 }),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        ",",
        "\n",
        '"',
        "\r\n",
        "\ufeff",
        "-1",
        "1e-320",
        "2147483648",
        "NaN",
        "0011-01-05",
        "\u001b[2J",
        ": [",
        "*a",
        "&a",
      ),
    ),
  )
  const edited = fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let out = text
    for (const [at, cut, insert] of edits) {
      const p = Math.min(at, out.length)
      out = Buffer.concat([out.subarray(0, p), Buffer.from(insert), out.subarray(Math.min(out.length, p + cut))])
    }
    return new Uint8Array(out)
  })
  return fc.oneof(fc.uint8Array({ maxLength: 300 }), edited)
}
