import { checkEncoder, type SequenceEncoder } from "./sequence-encoder"

/** Options shared by the sequence models (defaults in brackets). */
export interface SequenceModelOptions {
  encoder: SequenceEncoder
  seed: number
  /** Embedding width [16]. */
  embedding?: number
  /** Encoder width [32]. */
  units?: number
  /** Adam learning rate [0.005]. */
  learningRate?: number
  /** [5] */
  epochs?: number
  /** [64] */
  batchSize?: number
  earlyStopping?: { patience: number; minDelta?: number }
  log?: (line: string) => void
}

/** The shared options with their defaults filled in. */
export type ResolvedSequenceModelOptions = Required<Omit<SequenceModelOptions, "earlyStopping" | "log">> &
  Pick<SequenceModelOptions, "earlyStopping" | "log">

/**
 * Fills the defaults of the shared sequence-model options and validates them once, naming the
 * model (`owner`) and the parameter in every error.
 */
export function resolveSequenceModelOptions(
  options: SequenceModelOptions,
  owner: string,
): ResolvedSequenceModelOptions {
  checkEncoder(options.encoder, owner)
  if (!Number.isSafeInteger(options.seed)) throw new Error(`${owner}: seed must be a safe integer, got ${options.seed}`)
  const resolved: ResolvedSequenceModelOptions = {
    encoder: options.encoder,
    seed: options.seed,
    embedding: options.embedding ?? 16,
    units: options.units ?? 32,
    learningRate: options.learningRate ?? 0.005,
    epochs: options.epochs ?? 5,
    batchSize: options.batchSize ?? 64,
    earlyStopping: options.earlyStopping,
    log: options.log,
  }
  for (const key of ["embedding", "units", "epochs", "batchSize"] as const) {
    const v = resolved[key]
    if (!Number.isInteger(v) || v < 1) throw new Error(`${owner}: ${key} must be a positive integer, got ${v}`)
  }
  if (!(resolved.learningRate > 0)) throw new Error(`${owner}: learningRate must be > 0, got ${resolved.learningRate}`)
  return resolved
}
