// Every workflow the CPU worker registers; the worker bundles this file.
export { ingestFileWorkflow } from './ingest-file.workflow';
export { weeklyTrainingWorkflow } from './weekly-training.workflow';
export { batchDetectionWorkflow } from './batch-detection.workflow';
