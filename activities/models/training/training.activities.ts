import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { Db } from '../../db/connection';
import type { Logger } from '../../logging/logger';
import { isoWeekRange } from '../../../schemas/calendar/iso-week';
import type { DecisionPolicy, DetectorKind } from '../ensemble/ensemble-spec';
import { ArtefactStore } from '../registry/artefact-store';
import { keepChampion, promoteModelVersion } from '../registry/model-registry';
import type { ExecutionProvider } from '../scoring/onnx-session';
import { assembleEnsemble, type AssembledCandidate } from './assemble-ensemble';
import { prepareTrainingData, type PreparedTrainingData } from './prepare-training-data';
import { trainDetector, type TrainDetectorResult } from './train-detector';

export interface TrainingDeps {
  db: Db;
  logger: Logger;
  clock: () => Date;
  /** `<DATA_DIR>/models`: artefacts per version, and work folders shared by the CPU and GPU workers. */
  modelsDir: string;
  provider: ExecutionProvider;
}

/** Korea Standard Time, UTC+9 all year. */
const KST_OFFSET_MINUTES = 540;

/** The weekly training activities (DESIGN Data flow 6). Data preparation and registry changes run on the CPU queue, training and assembling on the GPU queue. */
export function createTrainingActivities(deps: TrainingDeps) {
  const store = new ArtefactStore(deps.modelsDir);
  const workDir = (version: string) => path.join(deps.modelsDir, 'work', store.dirFor(version).split(path.sep).pop()!);

  return {
    async prepareTrainingData(input: {
      week: string;
      version: string;
      maxRows: number;
      holdoutShare: number;
      seed: number;
    }): Promise<PreparedTrainingData & { fromMs: number; toMs: number }> {
      const range = isoWeekRange(input.week, KST_OFFSET_MINUTES);
      const prepared = await prepareTrainingData(deps.db, {
        workDir: workDir(input.version),
        fromMs: range.fromMs,
        toMs: range.toMs,
        maxRows: input.maxRows,
        holdoutShare: input.holdoutShare,
        seed: input.seed,
      });
      deps.logger.info({ ...prepared, featureNames: undefined, week: input.week }, 'training data prepared');
      return { ...prepared, fromMs: range.fromMs, toMs: range.toMs };
    },

    /** Heartbeats while it trains; a retry after a crash starts that detector again from scratch. */
    async trainDetector(input: { version: string; kind: DetectorKind; seed: number }): Promise<TrainDetectorResult> {
      const context = Context.current();
      const result = await trainDetector(workDir(input.version), input.kind, input.seed, (detail) => {
        context.heartbeat(detail);
        if (context.cancellationSignal.aborted) throw new Error('training cancelled');
      });
      deps.logger.info({ version: input.version, kind: input.kind, seconds: result.seconds }, 'detector trained');
      return result;
    },

    async assembleEnsemble(input: {
      version: string;
      week: string;
      fromMs: number;
      toMs: number;
      floor: number;
      policy: DecisionPolicy;
    }): Promise<AssembledCandidate> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? 'unknown';
      const candidate = await assembleEnsemble(
        { db: deps.db, store, provider: deps.provider },
        { ...input, workDir: workDir(input.version), workflowId },
      );
      if (candidate.drift?.alert) {
        deps.logger.warn({ version: input.version, drift: candidate.drift }, 'drift above its bound');
      }
      return candidate;
    },

    async promoteModel(input: {
      version: string;
      reason: string;
    }): Promise<{ previous: string | null; changed: boolean }> {
      return promoteModelVersion(deps.db.kysely, { ...input, actor: 'weekly-training', at: deps.clock() });
    },

    async keepChampion(input: { version: string; reason: string }): Promise<void> {
      await keepChampion(deps.db.kysely, { ...input, actor: 'weekly-training' });
    },
  };
}

export type TrainingActivities = ReturnType<typeof createTrainingActivities>;
