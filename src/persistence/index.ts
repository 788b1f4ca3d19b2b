export { encodeState, decodeState, STATE_FORMAT, STATE_VERSION } from "./state-format"
export type { EncodedValue, SavedState } from "./state-format"
export { policyState, policyFromState, savePolicy, loadPolicy, SAVABLE_POLICIES } from "./policy-store"
export {
  recommenderState,
  recommenderFromState,
  saveRecommender,
  loadRecommender,
  SAVABLE_RECOMMENDERS,
} from "./recommender-store"
export {
  modelState,
  modelFromState,
  modelFromStateAsync,
  saveModel,
  loadModel,
  loadModelAsync,
  SAVABLE_MODELS,
  SAVABLE_NETWORK_MODELS,
} from "./model-store"
