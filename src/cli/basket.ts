import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { csvField } from "../io/csv"
import { barFigure, scatterFigure } from "../report/figures"
import { guardRun, retailDataInput } from "./run-guard"
import { runProvenance, writeRunOutput } from "./run-output"
import { boundedBasketRules } from "../retail/basket-limits"
import { buildBaskets } from "../retail/baskets"
import { DEFAULT_CLEANING_RULES } from "../retail/cleaning"
import { asUserError, cleanRetailData, loadRetailData } from "../retail/data-source"
import { cleaningTable } from "../report/segments-report"
import { numberParser } from "./flags"

interface BasketFlags {
  data: string
  country?: string
  minSupport: number
  minConfidence: number
  exclude: string[]
  out: string
}

/** `interest-lab basket`: association rules on the baskets of real invoices. */
export function registerBasket(program: Command, argv: readonly string[]): void {
  program
    .command("basket")
    .description(COMMAND_DESCRIPTIONS.basket)
    .requiredOption("--data <name|file>", "'online-retail' (the shipped copy) or a CSV with the same columns")
    .option("--country <name>", "only invoices of this country (default: all)")
    .option(
      "--min-support <x>",
      "minimum support in (0, 1]",
      numberParser("--min-support", { min: 0, minExclusive: true, max: 1 }),
      0.07,
    )
    .option(
      "--min-confidence <x>",
      "minimum confidence in [0, 1]",
      numberParser("--min-confidence", { min: 0, max: 1 }),
      0,
    )
    .option(
      "--exclude <item>",
      "leave out an item (trimmed description); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .requiredOption("--out <dir>", "output folder, written atomically")
    .action(async (flags: BasketFlags) => {
      const inputs = guardRun(flags.out, [retailDataInput(flags.data)])
      const { minSupport, minConfidence } = flags
      const clean = cleanRetailData(await loadRetailData(flags.data), flags.data)
      const baskets = asUserError(() => buildBaskets(clean, { country: flags.country, exclude: flags.exclude }))
      const mined = asUserError(() => boundedBasketRules(baskets, { minSupport, minConfidence }))
      const scope = flags.country ?? "all countries"
      const dir = await writeRunOutput(flags.out, inputs, () => {
        const lines = ["antecedent,consequent,support,confidence,lift,leverage,conviction"]
        for (const r of mined.rules) {
          lines.push(
            [
              r.antecedent.join(" + "),
              r.consequent.join(" + "),
              r.support,
              r.confidence,
              r.lift,
              r.leverage,
              r.conviction,
            ]
              .map(csvField)
              .join(","),
          )
        }
        const summary = {
          country: flags.country ?? null,
          minSupport,
          minConfidence,
          exclude: flags.exclude,
          baskets: mined.baskets,
          items: baskets.items.length,
          frequentItemsets: mined.itemsets.length,
          itemsets: mined.itemsets,
          rules: mined.rules.map((r) => ({ ...r, conviction: Number.isFinite(r.conviction) ? r.conviction : null })),
        }
        const config = {
          data: flags.data,
          country: flags.country ?? null,
          minSupport,
          minConfidence,
          exclude: flags.exclude,
          cleaning: DEFAULT_CLEANING_RULES.map((r) => r.name),
        }
        const top = mined.rules.slice(0, 30)
        const label = (r: (typeof top)[number]): string => `${r.antecedent.join(" + ")} → ${r.consequent.join(" + ")}`
        const report = {
          title: `Online Retail: basket rules (${scope})`,
          subtitle: `${mined.baskets} baskets, min support ${minSupport}, min confidence ${minConfidence}`,
          sections: [
            {
              heading: "Conclusions",
              paragraphs: mined.rules.length
                ? [
                    `The strongest rule is ${label(mined.rules[0])}: baskets with ${mined.rules[0].antecedent.join(" + ")} hold ${mined.rules[0].consequent.join(" + ")} ${mined.rules[0].lift.toFixed(1)} times as often as baskets in general (confidence ${(100 * mined.rules[0].confidence).toFixed(0)}%, in ${(100 * mined.rules[0].support).toFixed(1)}% of baskets): a cross-selling candidate.`,
                    `${mined.rules.filter((r) => r.lift > 2).length} of the ${mined.rules.length} rules have a lift above 2.`,
                  ]
                : [
                    `No rule reaches support ${minSupport} and confidence ${minConfidence}: lower --min-support to find some.`,
                  ],
            },
            { heading: "Cleaning", tables: [cleaningTable(clean)] },
            {
              heading: "Baskets",
              paragraphs: [
                `A basket is a cleaned invoice${flags.country ? ` of ${flags.country}` : ""}; its items are the trimmed descriptions${flags.exclude.length ? `, without ${flags.exclude.join(", ")}` : ""}. ${mined.baskets} baskets over ${baskets.items.length} items; ${mined.itemsets.length} frequent itemsets (FP-growth) and ${mined.rules.length} rules.`,
              ],
            },
            {
              heading: "Rules (by lift)",
              tables: [
                {
                  columns: ["antecedent", "consequent", "support", "confidence", "lift", "leverage", "conviction"],
                  rows: top.map((r) => [
                    r.antecedent.join(" + "),
                    r.consequent.join(" + "),
                    r.support,
                    r.confidence,
                    r.lift,
                    r.leverage,
                    r.conviction,
                  ]),
                  caption:
                    top.length < mined.rules.length
                      ? `The first ${top.length} of ${mined.rules.length}; all are in rules.csv`
                      : undefined,
                },
              ],
              figures: top.length
                ? [
                    barFigure(
                      top.slice(0, 15).map(label).reverse(),
                      top
                        .slice(0, 15)
                        .map((r) => r.lift)
                        .reverse(),
                      { title: "Lift of the strongest rules", xTitle: "lift", horizontal: true },
                    ),
                    scatterFigure(
                      mined.rules.map((r) => r.support),
                      mined.rules.map((r) => r.confidence),
                      {
                        title: "Rules: support against confidence",
                        xTitle: "support",
                        yTitle: "confidence",
                        text: mined.rules.map(label),
                      },
                    ),
                  ]
                : [],
            },
          ],
        }
        return {
          summary,
          config,
          provenance: runProvenance(argv),
          report,
          files: { "rules.csv": `${lines.join("\n")}\n` },
        }
      })
      process.stderr.write(
        `basket: ${mined.baskets} baskets, ${mined.itemsets.length} itemsets, ${mined.rules.length} rules → ${dir}\n`,
      )
    })
}
