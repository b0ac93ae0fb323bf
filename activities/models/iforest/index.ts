// Isolation Forest: training, scoring, explanations, JSON state and ONNX export.
export { IsolationForest, ISOLATION_FOREST_DEFAULTS } from './isolation-forest';
export type { IsolationForestOptions } from './isolation-forest';
export { averagePathLength, scoreFromPathLength } from './forest-arrays';
export type { ForestArrays } from './forest-arrays';
export { anomalyScores, meanPathLengths } from './score-forest';
export { featureContributions, topFeatures } from './explain-forest';
export type { FeatureContribution } from './explain-forest';
export { forestFromState, forestToState } from './forest-state';
export type { IsolationForestState } from './forest-state';
export { addIsolationForestNodes, exportIsolationForestOnnx, IFOREST_OPSETS } from './iforest-onnx';
export type { ExportIsolationForestOptions, IsolationForestNodesOptions } from './iforest-onnx';
