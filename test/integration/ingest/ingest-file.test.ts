import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { startIngestHarness, type IngestHarness } from '../../support/ingest-harness';
import { csvFile, csvLine, validRow } from '../../support/trade-rows';

let h: IngestHarness;
before(async () => {
  h = await startIngestHarness();
});
after(async () => {
  await h.close();
});

async function rejectedRows(fileId: number) {
  return h.db.kysely.selectFrom('rejected_rows').selectAll().where('file_id', '=', fileId).orderBy('line_no').execute();
}

async function storedTrades(fileId: number) {
  return h.db.kysely.selectFrom('trades').selectAll().where('file_id', '=', fileId).orderBy('line_no').execute();
}

function assertReconciles(result: { read: number; loaded: number; rejected: number; duplicates: number }) {
  assert.equal(
    result.read,
    result.loaded + result.rejected + result.duplicates,
    'read = loaded + rejected + duplicates',
  );
}

describe('ingestFileWorkflow on well-formed files', () => {
  it('loads a UTF-8 file and stores every field normalised', async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => validRow(n, { notional_leg1: '0010000000000.50' }));
    const result = await h.ingest('good.csv', csvFile(rows), 'ingest-file-loaded');
    assert.equal(result.status, 'loaded');
    assert.deepEqual([result.read, result.loaded, result.rejected, result.duplicates], [5, 5, 0, 0]);
    assert.equal(result.workflowId.startsWith('ingest-'), true);
    const trades = await storedTrades(result.fileId);
    assert.equal(trades.length, 5);
    assert.equal(trades[0]?.line_no, 2);
    assert.equal(trades[0]?.notional_leg1, '10000000000.50000');
    assert.equal((trades[0]?.execution_ts as Date).toISOString(), '2026-11-20T01:15:30.123Z');
    assert.equal(trades[0]?.desk, '금리스왑데스크');
  });

  it('detects a UTF-8 BOM', async () => {
    const result = await h.ingest('bom.csv', '\uFEFF' + csvFile([validRow(101)]));
    assert.equal(result.encoding, 'utf-8-bom');
    assert.equal(result.loaded, 1);
  });

  it('decodes CP949 (EUC-KR) with Korean text', async () => {
    const text = csvFile([validRow(201, { desk: '외환스왑데스크 똠방각하', trader_id: '김민준' })]);
    const result = await h.ingest('cp949.csv', iconv.encode(text, 'cp949'));
    assert.equal(result.encoding, 'cp949');
    assert.equal(result.loaded, 1);
    const [trade] = await storedTrades(result.fileId);
    assert.equal(trade?.desk, '외환스왑데스크 똠방각하');
    assert.equal(trade?.trader_id, '김민준');
  });

  it('accepts CRLF line endings without carrying CR into values', async () => {
    const result = await h.ingest('crlf.csv', csvFile([validRow(301), validRow(302)], { eol: '\r\n' }));
    assert.equal(result.loaded, 2);
    const trades = await storedTrades(result.fileId);
    assert.equal(trades[1]?.source_trade_id, 'S302');
  });

  it('ingests the same bytes once: the second submission joins the first run and loads nothing', async () => {
    const content = csvFile([validRow(401), validRow(402)]);
    const first = await h.ingest('twice-a.csv', content);
    const second = await h.ingest('twice-b.csv', content);
    assert.equal(second.workflowId, first.workflowId);
    assert.equal(second.fileId, first.fileId);
    const count = await h.db.kysely
      .selectFrom('trades')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uti', 'in', [validRow(401).uti, validRow(402).uti])
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });

  it('counts rows already loaded by another file as duplicates', async () => {
    await h.ingest('cross-a.csv', csvFile([validRow(501), validRow(502)]));
    const result = await h.ingest('cross-b.csv', csvFile([validRow(501), validRow(502), validRow(503)]));
    assert.deepEqual([result.read, result.loaded, result.duplicates], [3, 1, 2]);
    const dups = await h.db.kysely
      .selectFrom('duplicate_rows')
      .selectAll()
      .where('file_id', '=', result.fileId)
      .execute();
    assert.deepEqual(dups.map((d) => Number(d.line_no)).sort(), [2, 3]);
  });
});

describe('ingestFileWorkflow on malformed input', () => {
  const fieldCases: [string, Partial<ReturnType<typeof validRow>>, string][] = [
    ['bad LEI check digits', { counterparty_2: CPTY_WITH_BAD_CHECK() }, 'counterparty_2'],
    ['bad currency', { notional_currency_leg1: 'KRX' }, 'notional_currency_leg1'],
    ['zero notional', { notional_leg1: '0' }, 'notional_leg1'],
    ['negative notional', { notional_leg1: '-5' }, 'notional_leg1'],
    ['non-numeric notional', { notional_leg1: '1,000,000' }, 'notional_leg1'],
    ['impossible date', { effective_date: '2026-02-30' }, 'effective_date'],
    ['effective after expiration', { effective_date: '2032-01-01' }, 'expiration_date'],
    ['timestamp without offset', { execution_ts: '2026-11-20T10:15:30' }, 'execution_ts'],
    ['timestamp in the future', { execution_ts: '2099-01-01T10:00:00Z' }, 'execution_ts'],
    ['cleared without CCP', { central_counterparty: '' }, 'central_counterparty'],
    ['over-long UTI', { uti: 'A'.repeat(20) + 'B'.repeat(40) }, 'uti'],
    ['product/asset class mismatch', { asset_class: 'FX' }, 'asset_class'],
  ];
  fieldCases.forEach(([name, override, field], index) => {
    it(`rejects a row with ${name}, naming ${field}, and loads the rest`, async () => {
      const rows = [validRow(1000 + index * 2, override), validRow(1001 + index * 2)];
      const result = await h.ingest(`field-${field}-${name.replace(/\W+/g, '-')}.csv`, csvFile(rows));
      assertReconciles(result);
      assert.deepEqual([result.read, result.rejected, result.loaded], [2, 1, 1]);
      const [rejected] = await rejectedRows(result.fileId);
      assert.equal(Number(rejected?.line_no), 2);
      assert.ok(
        rejected?.reasons.some((r) => r.startsWith(`${field}:`)),
        `reasons ${JSON.stringify(rejected?.reasons)} name ${field}`,
      );
      assert.equal(rejected?.raw, csvLine(rows[0]!));
    });
  });

  it('counts duplicate rows within a file', async () => {
    const row = validRow(3001);
    const result = await h.ingest('dup-in-file.csv', csvFile([row, validRow(3002), row, row]));
    assertReconciles(result);
    assert.deepEqual([result.read, result.loaded, result.duplicates], [4, 2, 2]);
  });

  it('rejects rows with missing or extra fields, and a truncated last line', async () => {
    const good = csvLine(validRow(3101));
    const short = csvLine(validRow(3102)).split(',').slice(0, 10).join(',');
    const long = csvLine(validRow(3103)) + ',extra';
    const truncated = csvLine(validRow(3104)).slice(0, 60);
    const text = [TRADE_COLUMNS.join(','), good, short, long, truncated].join('\n');
    const result = await h.ingest('field-counts.csv', text);
    assertReconciles(result);
    assert.deepEqual([result.read, result.loaded, result.rejected], [4, 1, 3]);
    const rejected = await rejectedRows(result.fileId);
    assert.deepEqual(
      rejected.map((r) => Number(r.line_no)),
      [3, 4, 5],
    );
    assert.match(rejected[0]!.reasons[0]!, /expected 27 fields as in the header, found 10/);
    assert.match(rejected[1]!.reasons[0]!, /found 28 \(extra columns\)/);
    assert.equal(rejected[2]!.raw, truncated);
  });

  it('rejects only the line of an unclosed quote and loads the lines after it', async () => {
    const broken = csvLine(validRow(3201)).replace('TAINON', '"TAINON');
    const text =
      csvFile([validRow(3200)]) + broken + '\n' + csvLine(validRow(3202)) + '\n' + csvLine(validRow(3203)) + '\n';
    const result = await h.ingest('unclosed-quote.csv', text);
    assertReconciles(result);
    assert.deepEqual([result.read, result.loaded, result.rejected], [4, 3, 1]);
    const [rejected] = await rejectedRows(result.fileId);
    assert.equal(Number(rejected?.line_no), 3);
    assert.match(rejected!.reasons[0]!, /unclosed quote/);
  });

  it('keeps a multi-megabyte field in the rejected row', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const result = await h.ingest('huge-field.csv', csvFile([validRow(3301, { desk: huge }), validRow(3302)]));
    assertReconciles(result);
    assert.deepEqual([result.loaded, result.rejected], [1, 1]);
    const [rejected] = await rejectedRows(result.fileId);
    assert.ok(rejected!.raw.length > huge.length);
    assert.ok(rejected!.reasons.some((r) => r.startsWith('desk:')));
  });

  it('rejects a row containing NUL bytes and stores it visibly', async () => {
    const result = await h.ingest('nul.csv', csvFile([validRow(3401, { trader_id: 'T\u0000001' }), validRow(3402)]));
    assertReconciles(result);
    assert.deepEqual([result.loaded, result.rejected], [1, 1]);
    const [rejected] = await rejectedRows(result.fileId);
    assert.ok(rejected!.raw.includes('T\u2400001'));
    assert.ok(rejected!.reasons.some((r) => r.startsWith('trader_id:')));
  });

  it('keeps a quoted field with an embedded newline and comma', async () => {
    const result = await h.ingest(
      'quoted.csv',
      csvFile([validRow(3501, { desk: 'Rates, Seoul\n2nd floor' }), validRow(3502)]),
    );
    assert.deepEqual([result.loaded, result.rejected], [2, 0]);
    const trades = await storedTrades(result.fileId);
    assert.equal(trades[0]?.desk, 'Rates, Seoul\n2nd floor');
    assert.equal(Number(trades[1]?.line_no), 4);
  });

  it('loads a header-only file as zero rows', async () => {
    const result = await h.ingest('header-only.csv', TRADE_COLUMNS.join(',') + '\n');
    assert.equal(result.status, 'loaded');
    assert.deepEqual([result.read, result.loaded], [0, 0]);
  });

  it('ignores an unknown extra header column with a warning', async () => {
    const columns = [...TRADE_COLUMNS, 'comment'];
    const result = await h.ingest(
      'extra-column.csv',
      csvFile([{ ...validRow(3601), comment: 'hi' } as never], { columns }),
    );
    assert.equal(result.loaded, 1);
    assert.deepEqual(result.warnings, ['ignored unknown column "comment"']);
  });

  const fileCases: [string, string | Buffer, RegExp][] = [
    ['an empty file', '', /empty/],
    ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a text file/],
    [
      'a header missing a required column',
      csvFile([validRow(1)], { columns: TRADE_COLUMNS.filter((c) => c !== 'notional_leg1') }),
      /missing required column\(s\): notional_leg1/,
    ],
    ['the wrong delimiter', csvFile([validRow(2)]).replace(/,/g, ';'), /semicolon-separated/],
    ['no header row', csvLine(validRow(3)) + '\n', /no header row/],
  ];
  for (const [name, content, message] of fileCases) {
    it(`rejects ${name} as a file, naming the problem`, async () => {
      const slug = name.replace(/\W+/g, '-');
      const result = await h.ingest(
        `file-${slug}.csv`,
        content,
        slug === 'an-empty-file' ? 'ingest-file-rejected' : undefined,
      );
      assert.equal(result.status, 'file_rejected');
      assert.match(result.fileError ?? '', message);
      const file = await h.db.kysely
        .selectFrom('ingested_files')
        .selectAll()
        .where('id', '=', result.fileId)
        .executeTakeFirstOrThrow();
      assert.equal(file.status, 'file_rejected');
      assert.match(file.file_error ?? '', message);
    });
  }
});

function CPTY_WITH_BAD_CHECK(): string {
  const lei = validRow(0).counterparty_2;
  const last = lei.at(-1) === '9' ? '0' : String(Number(lei.at(-1)) + 1);
  return lei.slice(0, -1) + last;
}
