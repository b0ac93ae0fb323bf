import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decidePromotion } from '../../../workflows/decide-promotion';

describe('decidePromotion', () => {
  const challenger = { version: '2026-W47.b', rocAuc: 0.91 };

  it('promotes the first model when there is no champion', () => {
    const d = decidePromotion({ challenger, champion: null, championUnavailable: false, minGain: 0 });
    assert.equal(d.promote, true);
    assert.match(d.reason, /first champion/);
  });

  it('does not promote a worse challenger, and says why', () => {
    const d = decidePromotion({
      challenger,
      champion: { version: '2026-W46.a', rocAuc: 0.95 },
      championUnavailable: false,
      minGain: 0,
    });
    assert.equal(d.promote, false);
    assert.match(d.reason, /kept champion 2026-W46.a: its hold-out ROC AUC 0.9500 beats 0.9100/);
  });

  it('promotes a better challenger, and a tie when no gain is required', () => {
    for (const rocAuc of [0.9, 0.91]) {
      const d = decidePromotion({
        challenger,
        champion: { version: 'old', rocAuc },
        championUnavailable: false,
        minGain: 0,
      });
      assert.equal(d.promote, true);
    }
  });

  it('requires the configured gain', () => {
    const d = decidePromotion({
      challenger,
      champion: { version: 'old', rocAuc: 0.9 },
      championUnavailable: false,
      minGain: 0.02,
    });
    assert.equal(d.promote, false);
  });

  it('replaces a champion whose artefact cannot be scored', () => {
    const d = decidePromotion({ challenger, champion: null, championUnavailable: true, minGain: 0 });
    assert.equal(d.promote, true);
    assert.match(d.reason, /could not be scored/);
  });
});
