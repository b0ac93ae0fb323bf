// Every workflow the CPU worker registers; the worker bundles this file.
export { ingestFileWorkflow } from './ingest-file.workflow';
export { weeklyTrainingWorkflow } from './weekly-training.workflow';
export { anomalyWorkflow } from './anomaly.workflow';
export { dailyReportWorkflow } from './daily-report.workflow';
export { cumulativeReportWorkflow, periodReportWorkflow } from './cumulative-report.workflow';
export { correctionReportWorkflow } from './correction-report.workflow';
export {
  cumulativeReportScheduledWorkflow,
  dailyReportScheduledWorkflow,
  weeklyTrainingScheduledWorkflow,
} from './scheduled-starts.workflow';
export { batchDetectionWorkflow } from './batch-detection.workflow';
