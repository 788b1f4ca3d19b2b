import type { EventLog } from "../schema/event-log"
import { EVENT_TYPES } from "../schema/world-types"

/** The behaviour states of the Markov chain: the four event types, then the end of a session. */
export const BEHAVIOR_STATES = [...EVENT_TYPES, "exit"] as const
/** Index of the "exit" state in `BEHAVIOR_STATES`. */
export const EXIT_STATE = EVENT_TYPES.length

/** Per-user behaviour sequences extracted from an event log. */
export interface BehaviorSequences {
  /** The user of each sequence, ascending. */
  users: Int32Array
  /** Event types (0 view … 3 purchase) of the user's events in log order, with `EXIT_STATE` after each session. */
  sequences: Int32Array[]
}

/**
 * Turns an event log into one state sequence per user: the event types in log order, with an
 * "exit" state closing each session, so that exit → (first event of the next session) is a
 * transition too and the chain over `BEHAVIOR_STATES` is irreducible.
 * Users without events get no sequence.
 * @example const { sequences } = behaviorSequences(simulateEvents(world).events)
 */
export function behaviorSequences(events: EventLog): BehaviorSequences {
  const n = events.length
  const perUser = new Map<number, number[]>()
  const lastSession = new Map<number, number>()
  for (let k = 0; k < n; k++) {
    const u = events.user[k]
    const type = events.type[k]
    if (type >= EVENT_TYPES.length)
      throw new Error(`behaviorSequences: event ${k} has type ${type}; types are 0..${EVENT_TYPES.length - 1}`)
    let seq = perUser.get(u)
    if (!seq) {
      seq = []
      perUser.set(u, seq)
    } else if (lastSession.get(u) !== events.session[k]) seq.push(EXIT_STATE)
    lastSession.set(u, events.session[k])
    seq.push(type)
  }
  const users = Int32Array.from(perUser.keys()).sort()
  const sequences = Array.from(users, (u) => {
    const seq = perUser.get(u) as number[]
    seq.push(EXIT_STATE)
    return Int32Array.from(seq)
  })
  return { users, sequences }
}
