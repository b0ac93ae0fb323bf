import type { SklearnResult } from './sklearn-runner';
import type { OursResult } from './ours-runner';

export interface DatasetSummary {
  readonly dataset: string;
  readonly rows: number;
  readonly cols: number;
  readonly seeds: number;
  readonly ours: {
    readonly rocAuc: number;
    readonly fitSeconds: number;
    readonly onnxRowsPerSecond: number;
    readonly onnxRowsPerSecond1Thread: number;
    readonly tsRowsPerSecond: number;
    readonly maxOnnxVsTs: number;
  };
  readonly sklearn: {
    readonly rocAuc: number;
    readonly fitSeconds: number;
    readonly scoreRowsPerSecond: number;
  } | null;
  readonly published: number | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function summarise(
  dataset: string,
  shape: { rows: number; cols: number },
  ours: readonly OursResult[],
  sklearn: readonly SklearnResult[] | null,
  published: number | null,
): DatasetSummary {
  return {
    dataset,
    ...shape,
    seeds: ours.length,
    ours: {
      rocAuc: mean(ours.map((o) => o.rocAuc)),
      fitSeconds: mean(ours.map((o) => o.fitSeconds)),
      onnxRowsPerSecond: mean(ours.map((o) => o.onnxRowsPerSecond)),
      onnxRowsPerSecond1Thread: mean(ours.map((o) => o.onnxRowsPerSecond1Thread)),
      tsRowsPerSecond: mean(ours.map((o) => o.tsRowsPerSecond)),
      maxOnnxVsTs: Math.max(...ours.map((o) => o.maxOnnxVsTs)),
    },
    sklearn: sklearn?.length
      ? {
          rocAuc: mean(sklearn.map((s) => s.roc_auc)),
          fitSeconds: mean(sklearn.map((s) => s.fit_seconds)),
          scoreRowsPerSecond: mean(sklearn.map((s) => s.score_rows_per_second)),
        }
      : null,
    published,
  };
}

const fmt = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pad = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(18) : c.padStart(13))).join(' ');

/** A small fixed-width table: AUCs, fit time and scoring rate side by side, with ratios ours / scikit-learn. */
export function formatTable(summaries: readonly DatasetSummary[]): string {
  const lines = [
    pad(['dataset', 'AUC ours', 'AUC sklearn', 'ΔAUC', 'fit ms ours', 'fit ms skl', 'fit ratio']),
    ...summaries.map((s) =>
      pad([
        `${s.dataset} ${s.rows}×${s.cols}`,
        fmt(s.ours.rocAuc, 4),
        s.sklearn ? fmt(s.sklearn.rocAuc, 4) : '—',
        s.sklearn ? fmt(s.ours.rocAuc - s.sklearn.rocAuc, 4) : '—',
        fmt(s.ours.fitSeconds * 1000, 1),
        s.sklearn ? fmt(s.sklearn.fitSeconds * 1000, 1) : '—',
        s.sklearn ? `${fmt(s.sklearn.fitSeconds / s.ours.fitSeconds, 1)}× faster` : '—',
      ]),
    ),
    '',
    pad(['dataset', 'onnx rows/s', 'onnx 1 thr', 'ts rows/s', 'skl rows/s', 'onnx/skl', 'onnx1/skl']),
    ...summaries.map((s) =>
      pad([
        s.dataset,
        fmt(s.ours.onnxRowsPerSecond),
        fmt(s.ours.onnxRowsPerSecond1Thread),
        fmt(s.ours.tsRowsPerSecond),
        s.sklearn ? fmt(s.sklearn.scoreRowsPerSecond) : '—',
        s.sklearn ? `${fmt(s.ours.onnxRowsPerSecond / s.sklearn.scoreRowsPerSecond, 2)}×` : '—',
        s.sklearn ? `${fmt(s.ours.onnxRowsPerSecond1Thread / s.sklearn.scoreRowsPerSecond, 2)}×` : '—',
      ]),
    ),
  ];
  return lines.join('\n');
}

/** The bench's targets: AUC within 0.01 of scikit-learn's, ONNX scoring at least as fast as score_samples. */
export function checkTargets(s: DatasetSummary): { aucWithin001: boolean; onnxAtLeastAsFast: boolean } | null {
  if (!s.sklearn) return null;
  return {
    aucWithin001: Math.abs(s.ours.rocAuc - s.sklearn.rocAuc) <= 0.01,
    onnxAtLeastAsFast: s.ours.onnxRowsPerSecond >= s.sklearn.scoreRowsPerSecond,
  };
}
