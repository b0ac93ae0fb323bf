import assert from 'node:assert/strict';
import { it } from 'node:test';
import { csvLine, parseCsv } from '../../../activities/report-render/csv-format';
import { neutraliseCell } from '../../../activities/report-render/neutralise';
import { DecimalSum } from '../../../activities/report-render/report-layout';
import { xmlRecord } from '../../../activities/report-render/xml-format';
import { remoteFileName } from '../../../activities/report-transmit/submissions';
import { backfillTarget } from '../../../client/backfill/backfill-targets';
import { correctionReportWorkflowId, durationMs } from '../../../schemas/report-workflow';

it('neutralises cells a spreadsheet would read as a formula', () => {
  for (const v of ['=1+1', '+82', '-3', '@SUM(A1)', '\t=x', '\r=x']) assert.equal(neutraliseCell(v), `'${v}`);
  for (const v of ['IRS', '금리스왑데스크', "'=already", '', '1-2']) assert.equal(neutraliseCell(v), v);
});

it('CSV lines round-trip through the parser, quotes and line breaks included', () => {
  const records = [
    ['a', 'b,c', 'say "hi"', ''],
    ['multi\nline', '금리', "'=x", 'z'],
  ];
  const text = records.map(csvLine).join('');
  assert.equal(text.split('\r\n')[0], 'a,"b,c","say ""hi""",');
  assert.deepEqual(parseCsv(text), records);
});

it('DecimalSum adds 25-digit notionals exactly', () => {
  const sum = new DecimalSum();
  sum.add('12345678901234567890.12345');
  sum.add('0.00005');
  sum.add('1');
  assert.equal(sum.toString(), '12345678901234567891.1235');
  const negative = new DecimalSum();
  negative.add('-0.5');
  assert.equal(negative.toString(), '-0.5');
});

it('XML records escape markup and skip empty fields', () => {
  assert.equal(xmlRecord('trade', ['a', 'b', 'c'], ['<x&y>', null, '']), '  <trade><a>&lt;x&amp;y&gt;</a></trade>\n');
});

it('a resubmission goes to the gateway under its own name', () => {
  assert.equal(remoteFileName('/a/ktfc-daily-2026-11-20.csv', 1), 'ktfc-daily-2026-11-20.csv');
  assert.equal(remoteFileName('/a/ktfc-daily-2026-11-20.csv', 2), 'ktfc-daily-2026-11-20.r2.csv');
});

it('backfill plans: deterministic ids, Monday–Friday for the daily report, quarter starts for the chain', () => {
  const daily = backfillTarget('daily-report').plan('2026-11-20', '2026-11-24');
  assert.deepEqual(
    daily.map((r) => r.workflowId),
    ['ktfc-daily-2026-11-20', 'ktfc-daily-2026-11-23', 'ktfc-daily-2026-11-24'],
  );
  const chain = backfillTarget('cumulative-report').plan('2026-06-15', '2027-01-15');
  assert.deepEqual(
    chain.map((r) => r.args),
    [[{ quarter: '2026-Q2' }], [{ quarter: '2026-Q3' }], [{ quarter: '2026-Q4' }]],
  );
  const training = backfillTarget('weekly-training').plan('2026-11-16', '2026-11-22');
  assert.deepEqual(
    training.map((r) => r.workflowId),
    ['training-2026-W47'],
  );
  assert.throws(() => backfillTarget('nope'), /unknown backfill target/);
});

it('durations and correction ids', () => {
  assert.equal(durationMs('4 hours'), 14_400_000);
  assert.equal(durationMs('2 seconds'), 2000);
  assert.equal(durationMs('500ms'), 500);
  assert.equal(
    correctionReportWorkflowId({ businessDate: '2026-11-20', eventKey: 'k', reviewId: 'r 1/x' }),
    'ktfc-correction-2026-11-20-k-r_1_x',
  );
});

it('sheet rows: exceljs-style cells, escaped text, no cell for null, column letters past Z', async () => {
  const { columnLetters, rowXml } = await import('../../../activities/report-render/sheet-row-xml');
  const letters = columnLetters(28);
  assert.deepEqual([letters[0], letters[25], letters[26], letters[27]], ['A', 'Z', 'AA', 'AB']);
  assert.equal(
    rowXml(7, ['\'=a<b>&"c"', 1.5, null, 'x\u0001y'], letters),
    '<row r="7" spans="1:4" x14ac:dyDescent="0.25"><c r="A7" t="str"><v>&apos;=a&lt;b&gt;&amp;&quot;c&quot;</v></c>' +
      '<c r="B7"><v>1.5</v></c><c r="D7" t="str"><v>xy</v></c></row>',
  );
});
