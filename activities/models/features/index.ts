// Trade features for the anomaly models: the input schema, extraction, the stored reference and drift measures.
export { FEATURE_BOUNDS, FEATURE_DESCRIPTIONS, FEATURE_NAMES, featureIndex, type FeatureName } from './feature-names';
export {
  FEATURE_TRADE_COLUMNS,
  fromTradeRecord,
  fromTradeRow,
  type FeatureTrade,
  type FeatureTradeRow,
} from './feature-trade';
export {
  fitFeatureReference,
  parseFeatureReference,
  type FeatureReference,
  type FitFeatureReferenceOptions,
} from './feature-reference';
export { extractFeatures, type FeatureMatrix } from './extract-features';
export {
  PSI_BINS,
  PSI_EPSILON,
  featureHistograms,
  featurePsi,
  psi,
  quantileEdges,
  valueHistogram,
  type Histogram,
} from './population-stability';
export { ACTIVITY_WINDOW_MS } from './activity-window';
export { MIN_BATCH_BUCKET } from './rate-deviation';
export { STANDARD_TENORS, type TenorMatch } from './standard-tenors';
