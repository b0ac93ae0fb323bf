import { z } from 'zod';

/** The detectors of the ensemble, declared once (workflows fan out over them; activities train them). */
export const DETECTOR_KINDS = ['iforest', 'ocsvm', 'autoencoder'] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

export const DECISION_POLICIES = ['any', 'majority', 'weighted'] as const;

export const weeklyTrainingInputSchema = z.object({
  /** ISO week `YYYY-Www` (KST); default: the week that ended before the scheduled start. */
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/)
    .optional(),
  maxRows: z.number().int().positive().default(50_000),
  holdoutShare: z.number().gt(0).lt(0.5).default(0.2),
  seed: z.number().int().nonnegative().default(20_261_122),
  /** Members below this hold-out ROC AUC are dropped from the ensemble. */
  floor: z.number().min(0).max(1).default(0.6),
  policy: z.enum(DECISION_POLICIES).default('weighted'),
  /** A challenger must beat the champion's hold-out ROC AUC by at least this to be promoted. */
  minGain: z.number().min(0).default(0),
  /** Overridable so tests can run a private GPU worker. */
  gpuTaskQueue: z.string().min(1).optional(),
});
export type WeeklyTrainingInput = z.input<typeof weeklyTrainingInputSchema>;

export interface WeeklyTrainingResult {
  week: string;
  version: string;
  promoted: boolean;
  reason: string;
  trainRows: number;
  holdoutRows: number;
  rocAuc: Record<string, number | null>;
  lowestPerformer: string;
  dropped: string[];
  championBefore: string | null;
  driftAlert: boolean;
}
