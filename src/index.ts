/**
 * interest-lab: the public API. Notebooks, the CLI and users import only from here.
 */
export { UserError, validate, loadConfig, terminalSafe, quoteForMessage } from "./config"
export {
  createRng, splitRng, Xoshiro128, uniform, randomInt, shuffle, normal, logNormal, gamma, beta, dirichlet,
  categorical, AliasTable, zipfWeights, ZipfSampler, bernoulli, poisson, logFactorial, geometric, fastUniform,
  fastNormal, fastGamma, fastBeta,
} from "./random"
export type { Rng } from "./random"
export {
  averageRanks, studentTCdf, erfc, logStandardNormalCdf, normalCdf, normalQuantile, logGamma,
  regularizedIncompleteBeta, quantileLinearSorted, bootstrapIndexCi, bootstrapCi, pairedTTest,
  wilcoxonSignedRank,
} from "./stats"
export type { BootstrapInterval, BootstrapOptions, PairedTestResult } from "./stats"
export {
  choleskyInPlace, choleskySolveInPlace, choleskyInverse, choleskyBlockedInPlace, choleskySolveManyInPlace, gram,
  matMul, spdInverseBlocked, columnMoments, denseMatrix, fromRowMajor, matrixRows, toDense, checkFeatures,
  rowDot, addScaledRow, minimizeLbfgs, dot, dotAt,
} from "./linalg"
export type {
  DenseKernelOptions, DenseMatrix, SparseMatrix, FeatureMatrix, LbfgsOptions, LbfgsResult, ObjectiveWithGradient,
} from "./linalg"
export {
  checkBanditLog, sliceBanditLog, meanReward, BanditLogBuilder, parsePropensity, parseClick, parseIndex,
  parseFinite, levelCode, MIN_PROPENSITY, marginalImportanceWeights, interactionsFromTriples,
  transposeInteractions, DEVICES, REGIONS, EVENT_TYPES, emptyEventLog, growEventLog, trimEventLog,
} from "./schema"
export type {
  InteractionHistory, VisitorContext, BanditLog, BanditRound, BanditLogSchema, TargetPolicy, ItemEmbedding,
  SlateLog, Interactions, Environment, StepOutcome, EventType, Context, Category, EventLog, ReviewLog,
} from "./schema"
export {
  CsvError, readCsv, csvField, requireColumns, parseNumberField, parseIntegerField, tableRows, writeTableCsv,
  daysInMonth, civilDay, parseCalendarDate, isCalendarDate, parseDateTimeMinutes, CALENDAR_DATE_RULE,
  terminalProgress, writeOutputDir, provenance, checkOutputDir,
} from "./io"
export type { CsvHandler, CsvOptions, Column, Table, Progress, Provenance, OutputDirCheckOptions } from "./io"
export {
  precisionAtK, recallAtK, ndcgAtK, averagePrecisionAtK, reciprocalRank, mapAtK, mrr, hitRateAtK, auc,
  confusionCounts, accuracy, precision, recall, f1, logLoss, rocCurve, rocAuc, rmse, mae, positionExposure,
  itemExposure, groupTotals, gini, categoryDistribution, calibrationKl, averageRecommendationPopularity,
  catalogCoverage, intraListDiversity, categoryDiversityFromCounts, novelty, serendipity, noveltyFromCounts,
} from "./metrics"
export type { RankingQuery, ConfusionCounts, RocCurve } from "./metrics"
export {
  figureToJson, lineFigure, barFigure, groupedBarFigure, histogramFigure, heatmapFigure, scatterFigure,
  formatNumber, tableHtml, figureHtml, renderReport, show, showTable, notebookProgress, recordHtml, record,
  openBanditBenchmark, openBanditBenchmarkTable, offPolicyConclusions, offPolicyReportSections, ESTIMATOR_NAMES,
  offPolicyTrust, offPolicyTrustSection, ESTIMATOR_ASSUMPTIONS, propensityCalibrationSection,
  estimatePropensitiesIfMissing, benchmarkSummary, benchmarkTimings, benchmarkTable, benchmarkFigures,
  winnerSentence, benchmarkSections, cleaningTable, segmentProfileTable, segmentFigures, segmentConclusions,
  segmentSections, simulationSummary, simulationFigures, simulationConclusions, simulationReport,
  METRIC_DEFINITIONS, compareScenario, personalFindings, paretoFrontier, historyNotes, personalReport,
  personalSummary, summarizeWorld, positionCtrFigure, worldOverviewSections,
} from "./report"
export type {
  Figure, Trace, Layout, Series, ReportTable, ReportSection, Report, RecordedValues, OpenBanditBenchmarkRow,
  TrustFlag, OffPolicyTrust, EstimatedPropensities, BenchmarkSummary, PolicyComparison, ScenarioComparison,
  WorldSummary,
} from "./report"
export {
  argmaxRandomTie, sampleIndex, betaQuantile, monteCarloProbabilities, RandomPolicy, EpsilonGreedy, Greedy,
  OptimisticGreedy, Softmax, IndexPolicy, Ucb, Ucb1, bernoulliKl, klUcbIndex, KlUcb, BayesUcb, BetaThompson,
  GaussianThompson, GradientBandit, Exp3, RewardWindow, DiscountedUcb, SlidingWindowUcb, DiscountedThompson,
  SlidingWindowThompson, RidgeArms, LinUcb, LinThompson, SegmentEpsilonGreedy, FeedbackReweighting, betaArgmax,
  PerUserThompson, PerUserUcb, HierarchicalThompson, fitUserArmFactors, solveSymmetric, HybridLinUcb,
  EnsembleSampling, Club, BootstrappedInterestMlp, TopKSlate,
} from "./bandits"
export type {
  Policy, ScoringPolicy, FeatureContext, EpsilonGreedyOptions, OptimisticGreedyOptions, SoftmaxOptions,
  BetaThompsonOptions, GaussianThompsonOptions, LinUcbOptions, LinThompsonOptions, SegmentEpsilonGreedyOptions,
  FeedbackReweightingOptions, UserContext, PerUserThompsonOptions, PerUserUcbOptions,
  HierarchicalThompsonOptions, UserArmFactors, HybridLinUcbOptions, EnsembleSamplingOptions, ClubOptions,
  BootstrappedInterestMlpOptions, TopKSlateOptions,
} from "./bandits"
export {
  topK, BaseRecommender, distinctUserCounts, dotScores, nearestNeighbours, Popularity, ItemKnn, ImplicitAls, Bpr,
  Ease, UserKnn, FunkSvd, ExplicitAls, softmax, entropy, cosineSimilarity, uniformNegativeWeights,
  popularityNegativeWeights, scoreNegativeWeights, NegativeSampler, interactionsFromEvents, holdoutSplit,
  evaluateHoldout, evaluateInterests, catalogFeatures, textItemFeatures, ContentBased, contextLiftFromEvents,
  contextRerank, contextHitRate, ContextLift, worldRatings, xquadRerank, rerankTradeoff,
} from "./recommenders"
export type {
  Ranked, RecommendOptions, Recommender, Similarity, Neighbours, NeighbourOptions, ItemKnnOptions,
  ImplicitAlsOptions, BprOptions, EaseOptions, UserKnnOptions, FunkSvdOptions, ExplicitAlsOptions, EventWeights,
  EventInteractionOptions, Split, RankingReport, InterestReport, ItemFeatures, TradeoffPoint,
} from "./recommenders"
export {
  parseRetailDate, formatRetailDay, retailDay, loadOnlineRetail, ONLINE_RETAIL_COLUMNS, ONLINE_RETAIL_PATH,
  toDataFrame, cleanEvents, readBanditCsv, loadBanditCsv, readBanditCsvChunks, openBanditPaths,
  readOpenBanditItemCount, readOpenBanditCsv, loadOpenBanditLog, OBD_POSITIONS, SyntheticBanditProblem,
  LinearSoftmaxPolicy, readOpenBanditItemEmbedding,
} from "./data"
export type {
  OnlineRetailTable, CleaningStep, BanditCsvOptions, ObdCampaign, ObdBehavior, SyntheticBanditOptions,
} from "./data"
export {
  isNonProductStockCode, cleanRetail, NON_PRODUCT_STOCK_CODES, customerMissing, cancelledInvoice,
  nonPositiveQuantity, nonPositivePrice, nonProductStockCode, DEFAULT_CLEANING_RULES, computeRfm, rfmFeatures,
  segmentProfiles, buildBaskets, parseSplitDate, retailBenchmarkData, parseBenchmarkModels, binaryInteractions,
  evaluateRecommender, runRetailBenchmark, compareModels, BENCHMARK_MODELS, BENCHMARK_METRICS,
  BENCHMARK_MODEL_SPECS, resolveRetailData, loadRetailData, cleanRetailData, asUserError, rfmSegmentation,
  segmentNames, SEGMENT_NAME_RULE, ruleCandidates, basketRules, TooManyRulesError, calibrateOnlineRetail,
  loadMonthlyPurchases, loadOnlineRetailCalibration, createOnlineRetailEnvironment,
  ONLINE_RETAIL_CALIBRATION_PATH, ONLINE_RETAIL_PURCHASES_PATH, onlineRetailEnvironmentSpecSchema,
  OnlineRetailEnvironment, retailFaults, monthlyPurchases,
} from "./retail"
export type {
  RetailCleaningRule, RetailCleaningStep, CleanedRetail, RfmTable, RfmFeatures, SegmentProfile, Baskets,
  BasketOptions, RetailBenchmarkData, BenchmarkModelName, BenchmarkMetric, BenchmarkModelSpec, ModelResult,
  BenchmarkOptions, BenchmarkComparison, RfmSegmentationOptions, RfmSegmentation, BasketRuleOptions, BasketRules,
  OnlineRetailCalibration, CalibrationOptions, OnlineRetailEnvironmentSpec, OnlineRetailContext, RetailFaults,
  MonthlyPurchases,
} from "./retail"
export {
  CATEGORY_SPECS, ADJECTIVES, FEATURES, faultConfigSchema, worldConfigSchema, defaultWorldConfig, priceTier,
  generateCatalog, generateUsers, generateWorld, HOURLY_TRAFFIC, CLICK_MODEL, World, simulateEvents, sigmoid,
  logInterest, itemsTable, usersTable, eventsTable, reviewsTable, categoriesTable, injectFaults, writeWorldCsv,
  WORLD_FILES, loadEventsCsv, generateCommunities, worldItemEmbedding,
} from "./world"
export type {
  CategorySpec, WorldConfig, FaultConfig, Catalog, Users, SimulatedLog, InjectedFaults, CommunityOptions,
  Communities,
} from "./world"
export {
  laplaceNoise, laplaceScale, laplaceMechanism, classicGaussianSigma, gaussianDelta, analyticGaussianSigma,
  gaussianSigma, gaussianMechanism, sequentialComposition, advancedComposition, bestComposition,
  RandomizedResponse, privateCategoryCounts, privateInterestProfile, projectToSimplex, privacyUtilityCurve,
  privateItemCounts, PrivateCategoryPopularity, centralPrivacyUtilityCurve, kAnonymize,
} from "./privacy"
export type {
  LaplaceOptions, GaussianOptions, PrivacyBudget, PrivateCountsOptions, PrivateCounts, PrivateProfile,
  PrivacyUtilityPoint, PrivacyUtilityInput, PrivateItemCountsOptions, PrivateItemCounts,
  PrivateCategoryPopularityOptions, CentralPrivacyUtilityPoint, CentralPrivacyUtilityInput, QuasiIdentifier,
  KAnonymityOptions, KAnonymityResult,
} from "./privacy"
export {
  splitByClient, poolClients, logisticLoss, logisticPredict, logisticSgd, fitCentralLogistic, clipToNorm,
  addGaussianNoise, clientLevelPrivacy, fedAvgLogistic, clickFeatures, filterClickRows, implicitMfLoss,
  OnDeviceMf, FederatedMf, fitCentralImplicitMf, roundsVsAccuracy,
} from "./federated"
export type {
  LabelledData, LocalSgdOptions, ClientUpdatePrivacy, FedAvgOptions, FedAvgResult, ClickData,
  ImplicitMfObjective, FederatedMfOptions, CentralImplicitMfOptions, CentralImplicitMfResult, RoundQuality,
} from "./federated"
export {
  checkLabels, encodeLabels, confusionMatrix, LogisticRegression, L1LogisticRegression,
  chineseSegmenterAvailable, Tokenizer, ENGLISH_STOP_WORDS, CHINESE_STOP_WORDS, CountVectorizer, TfidfVectorizer,
  MultinomialNB, ratingToSentiment, SENTIMENTS, POSITIVE_WORDS, NEGATIVE_WORDS, NEGATION_WORDS, LexiconSentiment,
  SentimentClassifier, interestTags, applyReviewSentiment, nearestRows, userDocuments,
} from "./text"
export type {
  LogisticRegressionOptions, L1LogisticRegressionOptions, TokenizerOptions, Document, CountVectorizerOptions,
  TfidfOptions, MultinomialNBOptions, LexiconOptions, SentimentClassifierOptions, InterestTag,
  InterestTagOptions, Neighbour,
} from "./text"
export {
  kmeansPlusPlus, KMeans, silhouetteSamples, silhouetteScore, elbowCurve, kneePoint, agglomerative, cutTree,
  LINKAGES, dendrogram, dbscan, TooManyItemsetsError, apriori, fpGrowth, associationRules,
  stationaryDistribution, perSegmentChains, MarkovChain, behaviorSequences, BEHAVIOR_STATES, EXIT_STATE,
  itemAttributesFromWorld, buildProfiles, trueInterestMatrix, profileAgreement, DEFAULT_EVENT_WEIGHTS,
  userBehaviorFeatures, standardize, USER_FEATURE_NAMES, transactionsFromEvents,
} from "./behavior"
export type {
  KMeansOptions, ElbowPoint, Linkage, LinkageMatrix, DendrogramData, DbscanOptions, DbscanResult, Item,
  FrequentItemset, FrequentItemsetOptions, EncodedTransactions, AssociationRule, AssociationRuleOptions,
  StationaryOptions, MarkovChainOptions, BehaviorSequences, ItemAttributes, ProfileOptions, UserProfiles,
  ProfileAgreement, UserFeatures, TransactionOptions,
} from "./behavior"
export {
  BernoulliArms, GaussianTestbed, RandomWalkArms, AbruptChangeArms, DEFAULT_LEAVING, ECOMMERCE_FEATURES,
  EcommerceEnvironment, policySpecSchema, environmentSpecSchema, POLICY_TYPES, ENVIRONMENT_TYPES,
  simulationConfigSchema, createEnvironment, createPolicy, createSlatePolicies, playRun, environmentStream,
  policyStream, historyStream, runChunks, interval, policyResult, laiRobbinsConstant, laiRobbinsCurve, simulate,
  simulateConfig, loggingPropensities, logHistory, historySize, leaveProbability, UserDynamics, gapClosed,
  perRunRatio, retentionCurve, discoveryTime, scenarioConfigs, simulateScenarios, playSlateRun, simulateSlates,
  simulationMemoryBytes, simulationSizeProblem, stepsCsvBytesBound, outputSpaceProblem, SIMULATION_MEMORY_LIMIT,
  MAX_RUNS, writeSimulationStepsCsv, simulationStepsCsv, simulationStepsCsvBlocks, SyntheticSlateProblem,
  slateEstimatorStudy, loadOnlineRetailExperiment, runOnlineRetailExperiment, onlineRetailExperimentSchema,
  rewardWindow, REWARD_WINDOWS,
} from "./simulation"
export type {
  AbruptChangeOptions, EcommerceOptions, EcommerceContext, PolicySpec, EnvironmentSpec, SimulationConfig,
  Interval, PolicyResult, SimulationResult, ChunkReport, SlateEnvironment, HistoryOptions, HistorySource,
  LeavingOptions, ArrivalOptions, ScenarioResult, SimulationSize, SlateContexts, SlateStudyRow, SlateStudy,
  PolicyAccumulator, RunOptions,
} from "./simulation"
export {
  selectBackend, ensureBackend, activeBackendName, BACKENDS, registerWasmTrainingKernels, SeededDropout, evaluateLoss,
  trainModel,
  checkTabularFeatures, checkBinaryLabels, selectRows, TfBinaryClassifier, InterestMlp, MultiInputMlp,
  rankFeatures, RandomForest, LogisticClassifier, compareClassifiers, scoreProbabilities, overfittingCurves,
  clickDataset, nextCategoryExamples, fitMarkovBaseline, markovNextCategoryProba, CausalSelfAttention,
  encodeSequence, nextCategoryScores, NextCategoryModel, interestTagExamples, categoryClickScores,
  InterestTagModel, rankCategories, rankInterestTags, tagScores, trueInterestSets, resolveSequenceModelOptions,
} from "./neural"
export type {
  BackendName, BackendOptions, SeededDropoutOptions, EpochRecord, TrainHistory, ModelInputs, TrainOptions,
  TabularFeatures, BinaryClassifier, TfClassifierOptions, FitExtras, LayerKit, InterestMlpOptions, InputGroup,
  MultiInputMlpOptions, RankedFeatures, TreeOptions, Tree, RandomForestOptions, ClassifierScores, LossCurve,
  OverfittingOptions, ClickDataset, SequenceExamples, CausalSelfAttentionOptions, SequenceEncoder, EncoderSpec,
  NextCategoryOptions, TagExamples, TagExampleOptions, TagModelOptions, GeneratedTag, TagScores,
  SequenceModelOptions, ResolvedSequenceModelOptions,
} from "./neural"
export {
  checkOffPolicyInput, weightDiagnostics, estimatePolicyValue, InverseProbabilityWeighting,
  SelfNormalizedInverseProbabilityWeighting, DirectMethod, DoublyRobust, SelfNormalizedDoublyRobust,
  SwitchDoublyRobust, Replay, offPolicyEstimator, OFF_POLICY_ESTIMATORS, actionFrequencyTarget,
  readContextFreeTarget, contextFreeTargetFromPolicy, ContextFreeTarget, PolicyTarget, LinearRewardModel,
  GreedyModelTarget, offPolicyInput, rewardModelFit, evaluateOffPolicy, meanWithInterval, CrossFittedRewardModel,
  shrinkWeight, ShrunkInverseProbabilityWeighting, ShrunkDoublyRobust, MarginalizedInverseProbabilityWeighting,
  SelfNormalizedMarginalizedInverseProbabilityWeighting, balancedPropensity, studentTQuantile, slopeWidth, slope,
  tuneBySlope, PlackettLuceSlatePolicy, slateOffPolicyInput, TabularSlateRewardModel, estimateSlatePolicyValue,
  SlateStandardIps, SlateIndependentIps, SlateRewardInteractionIps, SlateCascadeDoublyRobust,
  withEstimatedPropensities, propensityCalibration, EstimatedBehaviorPolicy, SQL_ESTIMATORS, sqlLogSchema,
  checkSqlLog, evaluateOffPolicySql, DuckDbEngine, openClickHouseLog, ClickHouseEngine, IpwPolicyLearner,
  MlpPolicyLearner, singleItemTarget, singleItemLog, kFold, crossValidate, parameterGrid, sampleParameters,
  gridSearch, randomSearch, isSqlLog, openSqlLog,
} from "./evaluation"
export type {
  OffPolicyInput, OffPolicyEstimator, WeightDiagnostics, OffPolicyEstimate, EstimateOptions,
  OffPolicyEstimatorName, EstimatorHyperParameters, RewardModel, LinearRewardModelOptions,
  LinearRewardModelState, OffPolicyEvaluationOptions, ValueWithInterval, OffPolicyEvaluationResult,
  RewardModelFit, WeightShrinkageKind, SlopeCandidate, SlopeChoice, SlateOffPolicyInput, SlateRewardModel,
  SlateOffPolicyEstimator, BehaviorPolicyState, PropensityCalibration, SqlEngine, SqlLogSource,
  SqlHyperParameters, ArrayAt, SqlLogSchema, SqlLogFacts, SqlEvaluationOptions, MlpPolicyLearnerOptions, Fold,
  CrossValidationResult, ParameterValue, ParameterSetting, ParameterGrid, ParameterDistribution, SearchTrial,
  SearchResult, SearchOptions,
} from "./evaluation"
export {
  coViewEmbedding, PrototypeClassifier, fewShotAccuracy, simulateNewUsers, itemContentFeatures,
  contentNeighbourScore, withExplorationBonus,
} from "./coldstart"
export type { FewShotResult, NewUserStrategy, NewUserOptions, NewUserCurve } from "./coldstart"
export {
  seasonalNaive, simpleExponentialSmoothing, holtWintersAdditive, mape, churnDataset, runCampaign,
} from "./business"
export type { HoltWintersOptions, ChurnData, CampaignOptions, CampaignResult } from "./business"
export { ProfileTagger, OpenAiCompatibleTagger } from "./llm"
export type { TaggerInput, WeightedTag, InterestTagger, OpenAiCompatibleOptions } from "./llm"
export {
  encodeState, decodeState, STATE_FORMAT, STATE_VERSION, policyState, policyFromState, savePolicy, loadPolicy,
  SAVABLE_POLICIES,
} from "./persistence"
export type { EncodedValue, SavedState } from "./persistence"
