/** What the weekly run knows when it decides: the challenger's and the champion's ROC AUC on the same hold-out. */
export interface PromotionInput {
  challenger: { version: string; rocAuc: number };
  champion: { version: string; rocAuc: number } | null;
  /** The champion exists but could not be scored (missing or corrupt artefact). */
  championUnavailable: boolean;
  minGain: number;
}

/** Promote when there is no usable champion, or when the challenger is at least `minGain` better. Pure. */
export function decidePromotion(input: PromotionInput): { promote: boolean; reason: string } {
  const { challenger, champion } = input;
  const auc = (x: number) => x.toFixed(4);
  if (!champion) {
    return {
      promote: true,
      reason: input.championUnavailable
        ? `the champion's artefact could not be scored; ${challenger.version} (hold-out ROC AUC ${auc(challenger.rocAuc)}) replaces it`
        : `first champion: hold-out ROC AUC ${auc(challenger.rocAuc)}`,
    };
  }
  const gain = challenger.rocAuc - champion.rocAuc;
  if (gain >= input.minGain) {
    return {
      promote: true,
      reason: `hold-out ROC AUC ${auc(challenger.rocAuc)} vs champion ${champion.version} ${auc(champion.rocAuc)} on the same hold-out`,
    };
  }
  return {
    promote: false,
    reason: `kept champion ${champion.version}: its hold-out ROC AUC ${auc(champion.rocAuc)} beats ${auc(challenger.rocAuc)} (needed a gain of ${input.minGain})`,
  };
}
