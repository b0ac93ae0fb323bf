import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { ANOMALY_KINDS, planAnomalies } from '../../../client/generate/anomaly-plan';
import { ChunkedWriter } from '../../../client/generate/chunked-writer';
import { csvField, csvRecord } from '../../../client/generate/csv';
import { addBusinessDays, addMonths, formatDay, formatKstTimestamp, parseDay } from '../../../client/generate/dates';
import {
  IntradayProfile,
  MARKET_CLOSE_MS,
  MARKET_OPEN_MS,
  SortedIntradayTimes,
} from '../../../client/generate/intraday';
import { buildMarket, rateAt, usdKrwForward } from '../../../client/generate/market-curve';
import { Prng } from '../../../client/generate/prng';
import { buildReferenceData } from '../../../client/generate/reference-data';
import { roundNotional, toFixedPlain } from '../../../client/generate/sampling';
import { isValidLei } from '../../../schemas/trade/lei';
import { parseCsvLine } from './read-generated';

const day = (text: string) => parseDay(text) as number;

describe('Prng', () => {
  it('repeats its sequence for a seed, differs across seeds and forks', () => {
    const draw = (rng: Prng) => Array.from({ length: 5 }, () => rng.nextUint32());
    assert.deepEqual(draw(new Prng('7')), draw(new Prng('7')));
    assert.notDeepEqual(draw(new Prng('7')), draw(new Prng('8')));
    assert.notDeepEqual(draw(new Prng('7').fork('a')), draw(new Prng('7').fork('b')));
  });

  it('draws uniform values in [0, 1) and normals with mean 0 and unit spread', () => {
    const rng = new Prng('stats');
    const uniforms = Array.from({ length: 20_000 }, () => rng.next());
    assert.ok(uniforms.every((u) => u >= 0 && u < 1));
    const normals = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    const variance = normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length;
    assert.ok(Math.abs(mean) < 0.05 && Math.abs(variance - 1) < 0.05, `mean ${mean}, variance ${variance}`);
  });
});

describe('dates', () => {
  it('parses only real dates and formats them back', () => {
    assert.equal(parseDay('2026-02-30'), null);
    assert.equal(parseDay('2026-1-05'), null);
    assert.equal(formatDay(day('2026-11-20')), '2026-11-20');
  });

  it('adds business days over weekends and months with month-end clamping', () => {
    assert.equal(formatDay(addBusinessDays(day('2026-11-20'), 1)), '2026-11-23');
    assert.equal(formatDay(addBusinessDays(day('2026-11-20'), 2)), '2026-11-24');
    assert.equal(formatDay(addMonths(day('2026-01-31'), 1)), '2026-02-28');
    assert.equal(formatDay(addMonths(day('2026-11-24'), 240)), '2046-11-24');
    assert.equal(formatDay(addMonths(day('2026-11-24'), -6)), '2026-05-24');
  });

  it('formats KST timestamps with milliseconds and the +09:00 offset', () => {
    assert.equal(
      formatKstTimestamp('2026-11-20', 10 * 3_600_000 + 15 * 60_000 + 30_123),
      '2026-11-20T10:15:30.123+09:00',
    );
  });
});

describe('intraday times', () => {
  it('yields sorted times inside market hours, busier at the open than at lunch', () => {
    const times = new SortedIntradayTimes(50_000, new Prng('t'), new IntradayProfile());
    const all = Array.from({ length: 50_000 }, () => times.next());
    assert.ok(
      all.every((t, i) => t >= MARKET_OPEN_MS && t < MARKET_CLOSE_MS && (i === 0 || t >= (all[i - 1] as number))),
    );
    const inHalfHour = (start: number) => all.filter((t) => t >= start && t < start + 1_800_000).length;
    assert.ok(inHalfHour(MARKET_OPEN_MS) > 2 * inHalfHour(12 * 3_600_000));
  });
});

describe('csv', () => {
  it('quotes only fields that need it (RFC 4180)', () => {
    assert.equal(csvField('금리스왑데스크'), '금리스왑데스크');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.deepEqual(parseCsvLine(csvRecord(['', 'a,b', 'say "hi"', 'x'])), ['', 'a,b', 'say "hi"', 'x']);
  });

  it('writes decimals without exponent or negative zero', () => {
    assert.equal(toFixedPlain(-0.000001, 5), '0.00000');
    assert.equal(toFixedPlain(1e-7, 5), '0.00000');
    assert.equal(toFixedPlain(-0.0123, 5), '-0.01230');
  });

  it('rounds notionals to dealer-like amounts', () => {
    const rng = new Prng('round');
    for (let i = 0; i < 1000; i++) {
      const amount = roundNotional(rng.lognormal(10e9, 0.8), rng, 1e8);
      const magnitude = 10 ** Math.floor(Math.log10(amount));
      assert.equal(amount % (magnitude / 10), 0, `${amount}`);
    }
  });
});

describe('ChunkedWriter', () => {
  it('writes CP949 exactly as iconv-lite encodes the whole text, and UTF-8 with a BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chunked-writer-'));
    try {
      const parts = [
        'uti,desk\n',
        'A1,금리스왑데스크\n',
        'B2,"주식파생데스크 (KOSPI, 개별주)"\n',
        'é ü ß ¥\n',
        'plain ascii',
      ];
      const text = parts.join('').repeat(50_000);
      const write = async (name: string, encoding: 'cp949' | 'utf8-bom') => {
        const writer = new ChunkedWriter(join(dir, name), encoding);
        for (let i = 0; i < 50_000; i++) {
          for (const part of parts) writer.append(part);
          if (writer.full) await writer.flush();
        }
        await writer.close();
        return readFileSync(join(dir, name));
      };
      assert.ok((await write('a.csv', 'cp949')).equals(iconv.encode(text, 'cp949')));
      assert.ok((await write('b.csv', 'utf8-bom')).equals(Buffer.from('\uFEFF' + text, 'utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reference data and market', () => {
  it('has about 200 distinct counterparties with valid LEIs, client codes and CCPs', () => {
    const ref = buildReferenceData();
    const leis = [...ref.dealers, ...ref.quiet].map((cp) => cp.id);
    assert.ok(leis.length >= 200);
    assert.equal(new Set(leis).size, leis.length);
    assert.ok([ref.bank.lei, ref.ccps.krx, ref.ccps.lch, ...leis].every(isValidLei));
    assert.ok(ref.clients.every((cp) => /^[A-Za-z0-9._-]{1,50}$/.test(cp.id) && cp.idType === 'CLIENT'));
    assert.deepEqual(buildReferenceData(), ref, 'the same universe every time');
  });

  it('quotes plausible curves and a USD/KRW forward below spot', () => {
    const market = buildMarket('2026-11-20');
    assert.ok(rateAt(market.krwIrs, 60) > 0.015 && rateAt(market.krwIrs, 60) < 0.04);
    assert.ok(rateAt(market.usdSofr, 60) > rateAt(market.krwIrs, 60), 'USD rates above KRW');
    assert.ok(rateAt(market.krwCrs, 36) < rateAt(market.krwIrs, 36), 'CRS below IRS');
    assert.ok(market.usdKrwSpot > 1300 && market.usdKrwSpot < 1460);
    assert.ok(usdKrwForward(market, 12) < market.usdKrwSpot);
    assert.equal(rateAt(market.krwIrs, 30), (rateAt(market.krwIrs, 24) + rateAt(market.krwIrs, 36)) / 2);
  });
});

describe('planAnomalies', () => {
  const ref = buildReferenceData();
  const plan = (budget: number) => planAnomalies(budget, new Prng(`plan-${budget}`), new IntradayProfile(), ref);

  it('plans exactly the budget of rows, in time order', () => {
    for (const budget of [0, 1, 5, 6, 39, 40, 200, 10_000]) {
      const { slots } = plan(budget);
      assert.equal(slots.length, budget, `budget ${budget}`);
      assert.ok(slots.every((s, i) => i === 0 || s.ms >= (slots[i - 1] as { ms: number }).ms));
    }
  });

  it('includes every kind once the budget allows a burst', () => {
    const { groups } = plan(40);
    assert.deepEqual(new Set(groups.map((g) => g.kind)), new Set(ANOMALY_KINDS));
  });
});
