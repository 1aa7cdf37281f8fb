// Public API of @anneal/mix-search: `anneal mix search`, RegMix over proxy training runs.
// It sits above mixture (stage plans, caps, the answer's YAML) and trainer (the proxies), below cli.
export { SearchConfigSchema, parseSearchConfig, loadSearchConfig, type SearchConfig, type SearchTarget } from './search-config.js';
export { DirichletSampler, capMixture, gamma } from './dirichlet-sampler.js';
export { ranks, pearson, spearman } from './rank-correlation.js';
export { fitLossModel, crossValidate, REGRESSION_KINDS, type RegressionKind, type LossModel, type CrossValidation } from './loss-regression.js';
export { searchCandidates, domainEffects, type CandidateSearch } from './candidate-search.js';
export { readStagePlan, type StagePlan, type SearchedStage } from './stage-plan.js';
export { prepareSearchData, type SearchData } from './search-data.js';
export { tokenizeMixtureInputs } from './curated-inputs.js';
export { runProxy, proxyRunDir, readProxyResult, RESULT_FILE, type ProxyJob, type ProxyResult } from './proxy-run.js';
export { trainProxies } from './proxy-pool.js';
export { planProxyTraining, type ProxySchedule } from './proxy-schedule.js';
export { targetLoss } from './target-loss.js';
export { writeSearchedMixture, SEARCHED_MIXTURE_FILE } from './searched-mixture.js';
export { runMixSearch, asRecord, type SearchSummary, type SearchOptions, type StageSearchResult } from './run-search.js';
