import type { RuleHit } from '../../../schemas/db/database';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import { selectRows } from '../../models/data/matrix';
import { extractFeatures } from '../../models/features/extract-features';
import type { FeatureTrade } from '../../models/features/feature-trade';
import { scoreEnsemble } from '../../models/scoring/score-ensemble';
import { evaluateRules } from '../rules/evaluate-rules';
import type { ChampionModel } from './champion-model';
import { effectiveSpec, modelsFlag, type DecisionSettings } from './decision-policy';
import { explainRow, type TradeExplanation } from './explain-trade';

export interface ScoredTrade {
  eventKey: string;
  executionMs: number;
  ruleHits: RuleHit[];
  /** Null when no champion scored it. */
  ensembleScore: number | null;
  memberScores: Record<string, { score: number; vote: boolean }>;
  /** The models' decision under the configured policy; null without a champion. */
  modelsFlagged: boolean | null;
  /** A rule fired or the models flagged it. */
  isAnomaly: boolean;
  /** Present for anomalies scored by a champion. */
  explanation: TradeExplanation | null;
}

export interface ScoreTradesInput {
  targets: readonly FeatureTrade[];
  /** Trades around the targets (not including them): the window their features and rules are measured in. */
  context: readonly FeatureTrade[];
  champion: ChampionModel | null;
  rules: RuleSet;
  decision: DecisionSettings;
  /** Rows per ONNX run (the event loop gets a turn between runs). */
  chunkRows?: number;
}

/**
 * Rule hits, model scores and the decision for each target, in order. Features are computed over context and
 * targets together, so bursts, mirror trades and market levels see the surrounding flow; only the targets' rows are
 * scored. Without a champion the rules alone decide.
 */
export async function scoreTrades(input: ScoreTradesInput): Promise<ScoredTrade[]> {
  const { targets, context, champion } = input;
  const population = context.length === 0 ? targets : [...context, ...targets];
  const ruleHits = evaluateRules({ targets, population, reference: champion?.reference ?? null, rules: input.rules });
  if (!champion) {
    return targets.map((t, i) => ({
      eventKey: t.event_key,
      executionMs: t.executionMs,
      ruleHits: ruleHits[i]!,
      ensembleScore: null,
      memberScores: {},
      modelsFlagged: null,
      isAnomaly: ruleHits[i]!.length > 0,
      explanation: null,
    }));
  }
  const all = extractFeatures(population, champion.reference);
  const offset = population.length - targets.length;
  const x =
    offset === 0
      ? all
      : selectRows(
          all,
          Int32Array.from(targets, (_, i) => offset + i),
        );
  const scores = await scoreEnsemble(champion.session, x, input.chunkRows ? { chunkRows: input.chunkRows } : {});
  const spec = effectiveSpec(champion.spec, input.decision);
  const m = scores.memberCount;
  return targets.map((t, i) => {
    const members = scores.members.subarray(i * m, (i + 1) * m);
    const ensembleScore = scores.score[i]!;
    const modelsFlagged = modelsFlag(spec, members, ensembleScore);
    const isAnomaly = modelsFlagged || ruleHits[i]!.length > 0;
    return {
      eventKey: t.event_key,
      executionMs: t.executionMs,
      ruleHits: ruleHits[i]!,
      ensembleScore,
      memberScores: Object.fromEntries(
        spec.members.map((member, j) => [member.kind, { score: members[j]!, vote: members[j]! >= member.threshold }]),
      ),
      modelsFlagged,
      isAnomaly,
      explanation: isAnomaly ? explainRow(champion, x.data.subarray(i * x.cols, (i + 1) * x.cols)) : null,
    };
  });
}
