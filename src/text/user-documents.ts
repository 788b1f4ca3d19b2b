import type { EventLog } from "../schema/event-log"

/**
 * A "behaviour document" per user: the tokens of every item the user engaged with (event type ≥
 * `minType`), once per event, so that naive Bayes and logistic regression can model
 * P(tag | behaviour) as text classification (seed 002 §4.2). Users are 0..nUsers−1; a user
 * without events gets an empty document.
 * @throws on an item without tokens or a user outside [0, nUsers)
 * @example userDocuments(log.events, world.catalog.descriptionZh.map((d) => tokenizer.tokenize(d)), world.nUsers)
 */
export function userDocuments(
  events: EventLog,
  itemTokens: ReadonlyArray<readonly string[]>,
  nUsers: number,
  minType = 0,
): string[][] {
  if (!Number.isInteger(nUsers) || nUsers < 1)
    throw new Error(`userDocuments: nUsers must be an integer >= 1, got ${nUsers}`)
  const docs: string[][] = Array.from({ length: nUsers }, () => [])
  for (let k = 0; k < events.length; k++) {
    if (events.type[k] < minType) continue
    const u = events.user[k]
    const i = events.item[k]
    if (!(u >= 0 && u < nUsers)) throw new Error(`userDocuments: event ${k} has user ${u}, outside [0, ${nUsers})`)
    const tokens = itemTokens[i]
    if (!tokens)
      throw new Error(`userDocuments: event ${k} has item ${i}, which has no tokens (${itemTokens.length} items given)`)
    for (const t of tokens) docs[u].push(t)
  }
  return docs
}
