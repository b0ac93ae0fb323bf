import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutralise, reportFileName } from '../../../activities/detection/batch-report';
import { batchAlertMessageId } from '../../../activities/detection/batch-alert';
import { kstDateRange } from '../../../activities/detection/kst-range';
import { kstDateOf } from '../../../activities/detection/scoring/kst-date';
import { effectiveSpec } from '../../../activities/detection/scoring/decision-policy';
import { decide, type EnsembleSpec } from '../../../activities/models/ensemble/ensemble-spec';
import { groupIssues } from '../../../client/api/intake/validation-errors';
import { makeTradeBatchSchema } from '../../../schemas/trade/trade.zod';
import { validRow } from '../../support/trade-rows';

describe('KST dates', () => {
  it('maps an instant to its KST calendar date across UTC midnight', () => {
    assert.equal(kstDateOf(Date.parse('2026-11-19T14:59:59Z')), '2026-11-19');
    assert.equal(kstDateOf(Date.parse('2026-11-19T15:00:00Z')), '2026-11-20');
  });
  it('turns KST dates into a half-open UTC range, and rejects empty or unreadable ones', () => {
    const { from, to } = kstDateRange('2026-11-20', '2026-11-21');
    assert.equal(from.toISOString(), '2026-11-19T15:00:00.000Z');
    assert.equal(to.toISOString(), '2026-11-21T15:00:00.000Z');
    assert.equal(
      kstDateRange('2026-11-20T00:00:00Z', '2026-11-20T01:00:00Z').to.toISOString(),
      '2026-11-20T01:00:00.000Z',
    );
    assert.throws(() => kstDateRange('2026-11-21', '2026-11-20'), /empty/);
    assert.throws(() => kstDateRange('yesterday', '2026-11-20'), /not a date/);
  });
});

describe('decision policy', () => {
  const spec: EnsembleSpec = {
    members: [
      { kind: 'iforest', weight: 0.5, normaliser: { kind: 'robust-z', median: 0, scale: 1 }, threshold: 2 },
      { kind: 'ocsvm', weight: 0.3, normaliser: { kind: 'robust-z', median: 0, scale: 1 }, threshold: 2 },
      { kind: 'autoencoder', weight: 0.2, normaliser: { kind: 'robust-z', median: 0, scale: 1 }, threshold: 2 },
    ],
    dropped: [],
    lowestPerformer: 'autoencoder',
    policy: 'weighted',
    threshold: 1.5,
    floor: 0.5,
  };
  const oneVote = [3, 0, 0];
  const twoVotes = [3, 3, 0];
  it('any: one member vote flags', () => {
    assert.equal(decide(effectiveSpec(spec, { policy: 'any' }), oneVote, 1.5), true);
    assert.equal(decide(effectiveSpec(spec, { policy: 'any' }), [1, 1, 1], 1), false);
  });
  it('majority: more than half the members', () => {
    assert.equal(decide(effectiveSpec(spec, { policy: 'majority' }), oneVote, 1.5), false);
    assert.equal(decide(effectiveSpec(spec, { policy: 'majority' }), twoVotes, 2.4), true);
  });
  it("weighted: the ensemble score against the champion's threshold, or a configured one", () => {
    assert.equal(decide(effectiveSpec(spec, { policy: 'weighted' }), oneVote, 1.5), true);
    assert.equal(decide(effectiveSpec(spec, { policy: 'weighted', threshold: 2 }), oneVote, 1.5), false);
  });
});

describe('validation errors grouped per item', () => {
  const schema = makeTradeBatchSchema(() => Date.parse('2026-11-22T00:00:00Z'));
  it('lists every reason of every invalid item by index', () => {
    const body = [validRow(1), { ...validRow(2), notional_leg1: '0', cleared: 'X' }, validRow(3), 'not a trade'];
    const result = schema.safeParse(body);
    assert.equal(result.success, false);
    const { items, body: problems } = groupIssues(result.error!, true);
    assert.deepEqual(
      items.map((i) => i.index),
      [1, 3],
    );
    assert.equal(items[0]!.reasons.filter((r) => /^(notional_leg1|cleared): /.test(r)).length, 2);
    assert.deepEqual(problems, []);
  });
  it('puts a single object’s reasons at index 0 and array-level problems apart', () => {
    const single = schema.safeParse({ ...validRow(1), execution_ts: '2030-01-01T00:00:00Z' });
    assert.match(groupIssues(single.error!, false).items[0]!.reasons.join(), /^execution_ts: /);
    const empty = schema.safeParse([]);
    assert.equal(groupIssues(empty.error!, true).body.length, 1);
  });
});

describe('helpers', () => {
  it('neutralises formula-like cells and makes safe names', () => {
    assert.equal(neutralise('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(neutralise('금리스왑데스크'), '금리스왑데스크');
    assert.equal(
      reportFileName('batch-detection-2026-11-20T00:00:00.000Z/x'),
      'batch-detection-2026-11-20T00_00_00.000Z_x.xlsx',
    );
    assert.equal(batchAlertMessageId('a b'), '<batch.a_b@swap-reporting>');
  });
});
