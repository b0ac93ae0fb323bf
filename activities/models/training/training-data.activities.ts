import path from 'node:path';
import type { Db } from '../../db/connection';
import type { Logger } from '../../logging/logger';
import { isoWeekRange } from '../../../schemas/calendar/iso-week';
import { KST_OFFSET_MINUTES } from '../../../schemas/calendar/kst';
import { ArtefactStore } from '../registry/artefact-store';
import { keepChampion, promoteModelVersion } from '../registry/model-registry';
import type { ExecutionProvider } from '../scoring/onnx-session';
import { prepareTrainingData, type PreparedTrainingData } from './prepare-training-data';

export interface TrainingDeps {
  db: Db;
  logger: Logger;
  clock: () => Date;
  /** `<DATA_DIR>/models`: artefacts per version, and work folders shared by the CPU and GPU workers. */
  modelsDir: string;
  provider: ExecutionProvider;
}

/** Korea Standard Time, UTC+9 all year. */

/** The folder one training run's activities share (the CPU and GPU workers see the same DATA_DIR). */
export function trainingWorkDir(modelsDir: string, version: string): string {
  return path.join(modelsDir, 'work', path.basename(new ArtefactStore(modelsDir).dirFor(version)));
}

/** Weekly training on the CPU queue (DESIGN Data flow 6): preparing the data, and the registry's decisions. */
export function createTrainingDataActivities(deps: TrainingDeps) {
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
        workDir: trainingWorkDir(deps.modelsDir, input.version),
        fromMs: range.fromMs,
        toMs: range.toMs,
        maxRows: input.maxRows,
        holdoutShare: input.holdoutShare,
        seed: input.seed,
      });
      deps.logger.info({ ...prepared, featureNames: undefined, week: input.week }, 'training data prepared');
      return { ...prepared, fromMs: range.fromMs, toMs: range.toMs };
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

export type TrainingDataActivities = ReturnType<typeof createTrainingDataActivities>;
