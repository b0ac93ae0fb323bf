/**
 * The model's input schema: one column per name, in this order. It is stored with every model version, so a
 * change here (a new feature, a new order) needs a new model version, never an edit of an old one.
 */
export const FEATURE_NAMES = [
  'notional_log_z',
  'rate_deviation',
  'tenor_years_log',
  'tenor_gap_days_log',
  'exec_hour_kst',
  'minutes_outside_market',
  'days_to_effective_slog',
  'days_to_expiration_slog',
  'counterparty_burst',
  'trader_burst',
  'wash_indicator',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What each feature measures, in words for the alert, the review screen and the reports (DESIGN: Explain). */
export const FEATURE_DESCRIPTIONS: Readonly<Record<FeatureName, string>> = {
  notional_log_z: 'log10 notional, in standard deviations from its product and currency in the training data',
  rate_deviation:
    "ln(1 + |robust z|) of a new trade's rate or price against the day's level for its product, currency and tenor",
  tenor_years_log: 'ln of the tenor (expiration − effective) in years',
  tenor_gap_days_log: 'ln(1 + days) between the expiration date and the nearest standard tenor',
  exec_hour_kst: 'execution time of day in KST, in hours',
  minutes_outside_market: 'minutes from the execution time to the nearest weekday market session (09:00–15:30 KST)',
  days_to_effective_slog:
    'signed ln(1 + |days|) from the KST execution date to the effective date (lifecycle events floored at 0)',
  days_to_expiration_slog: 'signed ln(1 + |days|) from the KST execution date to the expiration date',
  counterparty_burst: "ln of the counterparty's trades within ±10 minutes over the number its usual share predicts",
  trader_burst: "ln of the trader's trades within ±10 minutes over the number their usual share predicts",
  wash_indicator: '1 when both counterparties are the same, or a mirror trade (sides swapped) is within 10 minutes',
};

/**
 * Every value is clamped into these bounds (NaN becomes 0), so the models never see NaN or Infinity and one absurd
 * trade cannot stretch a MinMax scaler fitted on its week.
 */
export const FEATURE_BOUNDS: Readonly<Record<FeatureName, readonly [min: number, max: number]>> = {
  notional_log_z: [-20, 20],
  rate_deviation: [0, 20],
  // One day to a hundred years.
  tenor_years_log: [-6, 5],
  tenor_gap_days_log: [0, 12],
  exec_hour_kst: [0, 24],
  // The nearest weekday session is never more than three days away.
  minutes_outside_market: [0, 3 * 1440],
  days_to_effective_slog: [-12, 12],
  days_to_expiration_slog: [-12, 12],
  counterparty_burst: [-12, 12],
  trader_burst: [-12, 12],
  wash_indicator: [0, 1],
};

/** The column of a feature in the matrix. */
export function featureIndex(name: FeatureName): number {
  return FEATURE_NAMES.indexOf(name);
}
