import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { TrainingDataActivities } from '../activities/models/training/training-data.activities';
import type { TrainingGpuActivities } from '../activities/models/training/training-gpu.activities';
import { trainingWeekFor } from '../schemas/calendar/iso-week';
import { KST_OFFSET_MINUTES } from '../schemas/calendar/kst';
import {
  DETECTOR_KINDS,
  weeklyTrainingInputSchema,
  type WeeklyTrainingInput,
  type WeeklyTrainingResult,
} from '../schemas/model-training';
import { GPU_TASK_QUEUE } from '../schemas/task-queues';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { decidePromotion } from './decide-promotion';

const cpu = proxyActivities<TrainingDataActivities>(ACTIVITY_PROFILES.modelData);
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * Weekly training (DESIGN Data flow 6): sample the week → train the three detectors in parallel on the GPU queue →
 * build, export and evaluate the ensemble → compare with the champion on the same hold-out → promote or keep, with
 * the reason recorded. Id `training-<week>`; the model version is the week plus the run.
 */
export async function weeklyTrainingWorkflow(raw: WeeklyTrainingInput): Promise<WeeklyTrainingResult> {
  const input = weeklyTrainingInputSchema.parse(raw);
  const info = workflowInfo();
  // A scheduled (or backfilled) run covers the week before its scheduled time, not before "now".
  const scheduled = info.typedSearchAttributes.get(SCHEDULED_START);
  const week = input.week ?? trainingWeekFor((scheduled ?? new Date()).getTime(), KST_OFFSET_MINUTES);
  // Run ids are UUIDv7 (time first): their random tail tells runs of the same week apart.
  const version = `${week}.${info.runId.replace(/-/g, '').slice(-12)}`;
  const gpu = proxyActivities<TrainingGpuActivities>({
    ...ACTIVITY_PROFILES.modelTraining,
    taskQueue: input.gpuTaskQueue ?? GPU_TASK_QUEUE,
  });

  const data = await cpu.prepareTrainingData({
    week,
    version,
    maxRows: input.maxRows,
    holdoutShare: input.holdoutShare,
    seed: input.seed,
  });
  await Promise.all(DETECTOR_KINDS.map((kind) => gpu.trainDetector({ version, kind, seed: input.seed })));
  const candidate = await gpu.assembleEnsemble({
    version,
    week,
    fromMs: data.fromMs,
    toMs: data.toMs,
    floor: input.floor,
    policy: input.policy,
  });
  const challengerAuc = candidate.metrics['ensemble']?.rocAuc ?? 0;
  const decision = decidePromotion({
    challenger: { version, rocAuc: challengerAuc },
    champion: candidate.champion,
    championUnavailable: candidate.championUnavailable,
    minGain: input.minGain,
  });
  if (decision.promote) await cpu.promoteModel({ version, reason: decision.reason });
  else await cpu.keepChampion({ version, reason: decision.reason });
  log.info('weekly training decided', { version, promote: decision.promote, reason: decision.reason });
  return {
    week,
    version,
    promoted: decision.promote,
    reason: decision.reason,
    trainRows: data.trainRows,
    holdoutRows: data.holdoutRows,
    rocAuc: Object.fromEntries(Object.entries(candidate.metrics).map(([k, m]) => [k, m?.rocAuc ?? null])),
    lowestPerformer: candidate.lowestPerformer,
    dropped: candidate.dropped.map((d) => d.kind),
    championBefore: candidate.champion?.version ?? null,
    driftAlert: candidate.drift?.alert ?? false,
  };
}
