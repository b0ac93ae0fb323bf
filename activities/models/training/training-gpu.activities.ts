import { Context } from '@temporalio/activity';
import type { DecisionPolicy, DetectorKind } from '../ensemble/ensemble-spec';
import { ArtefactStore } from '../registry/artefact-store';
import { assembleEnsemble, type AssembledCandidate } from './assemble-ensemble';
import { trainDetector, type TrainDetectorResult } from './train-detector';
import { trainingWorkDir, type TrainingDeps } from './training-data.activities';

/** Weekly training on the GPU queue: the detectors, and the ensemble built, exported and evaluated from them. */
export function createTrainingGpuActivities(deps: TrainingDeps) {
  const store = new ArtefactStore(deps.modelsDir);
  const workDir = (version: string) => trainingWorkDir(deps.modelsDir, version);
  return {
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
  };
}

export type TrainingGpuActivities = ReturnType<typeof createTrainingGpuActivities>;
