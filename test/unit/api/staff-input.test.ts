import assert from 'node:assert/strict';
import { it } from 'node:test';
import { anomalyListQuery } from '../../../client/api/staff/anomaly-list';
import { kstDate } from '../../../client/api/staff/dashboard.routes';
import { csvCell, rejectedRowsCsv } from '../../../client/api/staff/rejected-rows-csv';
import { filterText } from '../../../client/api/staff/validate';

it('accepts desk names in Korean and English, refuses injection and traversal text', () => {
  for (const ok of ['금리스왑데스크', 'FX desk', 'Rates/Asia', 'A&B (Seoul)'])
    assert.equal(filterText.safeParse(ok).success, true, ok);
  for (const bad of [
    "' OR 1=1 --",
    'x; DROP TABLE t',
    'a--b',
    '../etc/passwd',
    'a/../b',
    '"quoted"',
    '<script>',
    'x%00',
  ]) {
    assert.equal(filterText.safeParse(bad).success, false, bad);
  }
});

it('parses the anomaly list query with defaults and names the bad field', () => {
  assert.deepEqual(anomalyListQuery.parse({}), { page: 1, pageSize: 50 });
  assert.deepEqual(anomalyListQuery.parse({ minScore: '0.5', page: '2', status: 'pending' }), {
    minScore: 0.5,
    page: 2,
    pageSize: 50,
    status: 'pending',
  });
  const cases: [Record<string, string>, string][] = [
    [{ from: '2026-13-01' }, 'from'],
    [{ from: '2026-11-20', to: '2026-11-01' }, 'from'],
    [{ product: 'BOND' }, 'product'],
    [{ pageSize: '1000' }, 'pageSize'],
    [{ minScore: 'NaN' }, 'minScore'],
  ];
  for (const [input, field] of cases) {
    const result = anomalyListQuery.safeParse(input);
    assert.equal(result.success, false, JSON.stringify(input));
    assert.equal(result.error?.issues[0]?.path.join('.'), field, JSON.stringify(input));
  }
  assert.equal(anomalyListQuery.safeParse({ sort: 'uti; drop' }).success, false, 'unknown parameters are refused');
});

it('neutralises spreadsheet formulas and quotes CSV cells', () => {
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('+cmd'), "'+cmd");
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal(csvCell('데스크'), '데스크');
  assert.equal(rejectedRowsCsv([]), '\uFEFFline_no,reasons,raw\r\n');
});

it('takes the KST calendar date of an instant', () => {
  assert.equal(kstDate(new Date('2026-11-20T14:59:59Z')), '2026-11-20');
  assert.equal(kstDate(new Date('2026-11-20T15:00:00Z')), '2026-11-21');
});
