import { FederatedMf } from "../federated/federated-mf"
import { OnDeviceMf } from "../federated/on-device-mf"
import { PrivateCategoryPopularity } from "../privacy/private-category-popularity"
import { Bpr } from "../recommenders/bpr"
import type { BaseRecommender } from "../recommenders/base-recommender"
import { ContentBased, type ItemFeatures } from "../recommenders/content-based"
import { Ease } from "../recommenders/ease"
import { ExplicitAls } from "../recommenders/explicit-als"
import { FunkSvd } from "../recommenders/funk-svd"
import { ImplicitAls } from "../recommenders/implicit-als"
import { ItemKnn } from "../recommenders/item-knn"
import { Popularity } from "../recommenders/popularity"
import { UserKnn } from "../recommenders/user-knn"
import { loadError, readStateFiles, writeStateFiles } from "./state-files"
import { decodeState, encodeState, restoreInto, type SavedState } from "./state-format"

type Fields = { [key: string]: unknown }

/** The saved `config` as constructor options: a null means "not set" (an option left at its default). */
function options(fields: Fields): never {
  const config = (fields.config ?? {}) as Record<string, unknown>
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null)) as never
}

/**
 * How each recommender class is rebuilt from its saved fields before its learned state is restored:
 * from its validated `config` (the options it was built with), or, for content-based, its item features.
 */
const BUILDERS: Readonly<Record<string, (fields: Fields) => BaseRecommender>> = {
  Bpr: (f) => new Bpr(options(f)),
  ContentBased: (f) => new ContentBased(f.features as ItemFeatures, f.name as string),
  Ease: (f) => new Ease(options(f)),
  ExplicitAls: (f) => new ExplicitAls(options(f)),
  FederatedMf: (f) => new FederatedMf(options(f)),
  FunkSvd: (f) => new FunkSvd(options(f)),
  ImplicitAls: (f) => new ImplicitAls(options(f)),
  ItemKnn: (f) => new ItemKnn(options(f)),
  OnDeviceMf: (f) => new OnDeviceMf(f.itemFactors as Float64Array, options(f), f.name as string),
  Popularity: () => new Popularity(),
  PrivateCategoryPopularity: (f) => new PrivateCategoryPopularity(options(f)),
  UserKnn: (f) => new UserKnn(options(f)),
}

/** The recommender classes `saveRecommender` / `loadRecommender` know, by class name. */
export const SAVABLE_RECOMMENDERS: readonly string[] = Object.keys(BUILDERS)

/**
 * A fitted recommender's state as stable JSON plus binary (see `encodeState`): its class, options,
 * learned parameters and the training matrix it excludes seen items with. Restored with
 * {@link recommenderFromState}, it gives the same scores and recommendations, bit for bit.
 * @throws for a class outside {@link SAVABLE_RECOMMENDERS} or a recommender not fitted yet
 * @example const saved = recommenderState(new Ease({ lambda: 200 }).fit(train))
 */
export function recommenderState(recommender: BaseRecommender): SavedState {
  const type = recommender.constructor.name
  if (!(type in BUILDERS))
    throw new Error(
      `recommenderState: ${type} cannot be saved; savable recommenders: ${SAVABLE_RECOMMENDERS.join(", ")}`,
    )
  if ((recommender as unknown as { train_?: unknown }).train_ === undefined)
    throw new Error(`recommenderState: ${recommender.name} is not fitted; call fit(train) before saving it`)
  return encodeState(type, recommender)
}

/**
 * Rebuilds a recommender from {@link recommenderState}.
 * @throws on an unknown class, another format or version
 */
export function recommenderFromState(saved: SavedState): BaseRecommender {
  const { type, fields } = decodeState(saved)
  const build = BUILDERS[type]
  if (!build)
    throw new Error(
      `recommenderFromState: unknown recommender class ${type}; savable recommenders: ${SAVABLE_RECOMMENDERS.join(", ")}`,
    )
  const recommender = build(fields)
  restoreInto(recommender, fields, type)
  return recommender
}

/**
 * Saves a fitted recommender to `<path>.json` and `<path>.bin` (atomically, as `savePolicy`).
 * Refuses to overwrite unless `overwrite` is true.
 * @example saveRecommender(new ItemKnn({ neighbours: 50 }).fit(train), "models/item-knn")
 */
export function saveRecommender(
  recommender: BaseRecommender,
  path: string,
  options: { overwrite?: boolean } = {},
): void {
  writeStateFiles(() => recommenderState(recommender), path, options.overwrite === true, "saveRecommender")
}

/**
 * Loads a recommender saved by {@link saveRecommender}.
 * @throws naming the missing file, or the file and what is wrong in it (as {@link recommenderFromState})
 */
export function loadRecommender(path: string): BaseRecommender {
  const saved = readStateFiles(path, "loadRecommender")
  try {
    return recommenderFromState(saved)
  } catch (e) {
    throw loadError(e, path, "loadRecommender")
  }
}
