import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { uniqueTaskQueue } from '../../support/temporal-env';
import { startStaffApp, type StaffApp } from '../../support/staff-app';
import { seedAnomaly, seedFileWithRejections, seedModels, type SeededAnomaly } from '../../support/staff-seed';

let app: StaffApp;
const seeded: SeededAnomaly[] = [];
let file: Awaited<ReturnType<typeof seedFileWithRejections>>;

before(async () => {
  // The dashboard's "today" is pinned so its 30-day window holds the seeded business dates.
  app = await startStaffApp({ clock: () => new Date('2026-11-21T03:00:00Z'), scheduleCacheMs: 0 });
  const db = app.database.db.kysely;
  const specs = [
    { product: 'IRS', desk: '금리스왑데스크', score: 0.95, businessDate: '2026-11-20' },
    { product: 'IRS', desk: '금리스왑데스크', score: 0.7, businessDate: '2026-11-20', status: 'confirmed' as const },
    { product: 'CCS', desk: 'FX desk', score: 0.88, businessDate: '2026-11-19' },
    { product: 'FX_SWAP', desk: 'FX desk', score: 0.6, businessDate: '2026-11-18', status: 'dismissed' as const },
    { product: 'CDS', desk: '신용데스크', score: 0.99, businessDate: '2026-10-01' },
  ];
  for (const [i, spec] of specs.entries()) seeded.push(await seedAnomaly(db, i + 1, spec));
  file = await seedFileWithRejections(db);
  await seedModels(db);
});
after(async () => {
  await app.temporal.client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await app.close();
});
const scheduleId = uniqueTaskQueue('dashboard-schedule');

async function get<T = Record<string, unknown>>(urlPath: string, role: 'viewer' | 'admin' = 'viewer') {
  const response = await fetch(app.baseUrl + urlPath, {
    headers: { authorization: `Bearer ${await app.tokenFor(role)}` },
  });
  assert.equal(response.status, 200, `${urlPath}: ${response.status}`);
  return (await response.json()) as T;
}
type Page = { total: number; items: { uti: string; event_key: string; status: string }[] };
const utis = (page: Page) => page.items.map((i) => i.uti);

it('pages the anomaly list newest business date first, then highest score', async () => {
  const first = await get<Page>('/api/anomalies?pageSize=2');
  assert.equal(first.total, 5);
  assert.deepEqual(utis(first), [seeded[0]!.uti, seeded[1]!.uti]);
  const third = await get<Page>('/api/anomalies?pageSize=2&page=3');
  assert.deepEqual(utis(third), [seeded[4]!.uti]);
});

it('filters by date range, product, desk, status and score on the server', async () => {
  const cases: [string, number[]][] = [
    ['from=2026-11-19&to=2026-11-20', [0, 1, 2]],
    ['product=IRS', [0, 1]],
    [`desk=${encodeURIComponent('FX desk')}`, [2, 3]],
    ['status=pending', [0, 2, 4]],
    ['status=dismissed', [3]],
    ['minScore=0.8&maxScore=0.96', [0, 2]],
    [`product=CCS&desk=${encodeURIComponent('FX desk')}&minScore=0.5`, [2]],
  ];
  for (const [query, expected] of cases) {
    const page = await get<Page>(`/api/anomalies?${query}`);
    assert.deepEqual(utis(page).sort(), expected.map((i) => seeded[i]!.uti).sort(), query);
    assert.equal(page.total, expected.length, query);
  }
});

it('shows an anomaly with its trade, scores, top features, alerts, audit log and workflow link', async () => {
  const d = await get<Record<string, any>>(`/api/anomalies/${seeded[0]!.eventKey}`); // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(d.trade.uti, seeded[0]!.uti);
  assert.equal(d.trade.desk, '금리스왑데스크');
  assert.equal(d.score.memberScores.iforest.score, 0.81);
  assert.equal(d.score.ruleHits[0].rule, 'notional_above_threshold');
  assert.equal(d.score.topFeatures.iforest[0].feature, 'notional_log_z');
  assert.equal(d.alerts.length, 1);
  assert.deepEqual(d.reviews, []);
  assert.equal(d.workflow.status, 'NOT_FOUND');
  assert.equal(d.workflow.link, `http://temporal-ui.test/namespaces/default/workflows/anomaly-${seeded[0]!.eventKey}`);
});

it('records a review in the audit log even when the workflow is gone, and logs the failed signal', async () => {
  const key = seeded[2]!.eventKey;
  const response = await fetch(`${app.baseUrl}/api/anomalies/${key}/review`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('reviewer', 'choi')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'confirm', comment: '확인함: 명목금액 오류' }),
  });
  assert.equal(response.status, 200);
  const result = (await response.json()) as { recorded: boolean; signalled: boolean };
  assert.deepEqual([result.recorded, result.signalled], [true, false]);
  const d = await get<{ anomaly: { status: string }; reviews: { actor: string; action: string; comment: string }[] }>(
    `/api/anomalies/${key}`,
  );
  assert.equal(d.anomaly.status, 'confirmed');
  assert.deepEqual(
    d.reviews.map((r) => [r.actor, r.action, r.comment]),
    [['choi', 'confirm', '확인함: 명목금액 오류']],
  );
  assert.ok(
    app.logger.entries.some((e) => e.obj.event === 'review_signal_failed' && e.obj.workflowId === `anomaly-${key}`),
  );
});

it('answers 404 for a review of an anomaly that does not exist', async () => {
  const response = await fetch(`${app.baseUrl}/api/anomalies/00000000-0000-0000-0000-000000000000/review`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('reviewer')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'dismiss', comment: 'none' }),
  });
  assert.equal(response.status, 404);
});

it('counts anomalies per business day and open reviews on the dashboard', async () => {
  const d = await get<{ from: string; to: string; openReviews: number; anomaliesPerDay: Record<string, unknown>[] }>(
    '/api/dashboard',
  );
  assert.equal(d.to, '2026-11-21');
  assert.equal(d.from, '2026-10-23');
  assert.deepEqual(d.anomaliesPerDay, [
    { date: '2026-11-18', total: 1, confirmed: 0, dismissed: 1, pending: 0 },
    { date: '2026-11-19', total: 1, confirmed: 1, dismissed: 0, pending: 0 },
    { date: '2026-11-20', total: 2, confirmed: 1, dismissed: 0, pending: 1 },
  ]);
  assert.equal(d.openReviews, 2);
});

it('lists files with counts and their rejected rows, and serves the rows as CSV with a checksum', async () => {
  const files = await get<{ items: { id: number; rows_rejected: number; workflowLink: string }[] }>('/api/files');
  assert.equal(files.items[0]?.rows_rejected, 3);
  assert.match(files.items[0]!.workflowLink, /workflows\/ingest-/);
  const rejected = await get<{ items: { line_no: number; reasons: string[] }[] }>(
    `/api/files/${file.id}/rejected?pageSize=2`,
  );
  assert.deepEqual(
    rejected.items.map((r) => r.line_no),
    [2, 4],
  );
  const response = await fetch(`${app.baseUrl}/api/files/${file.id}/rejected.csv`, {
    headers: { authorization: `Bearer ${await app.tokenFor('viewer')}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(response.headers.get('x-checksum-sha256'), createHash('sha256').update(bytes).digest('hex'));
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.deepEqual(lines, [
    'line_no,reasons,raw',
    '2,uti: 형식이 맞지 않음,"BADUTI,,NEWT"',
    `4,product: unknown product; notional_leg1: must be > 0,"'=HYPERLINK(""http://evil""),x"`,
    '5,execution_ts: in the future,"a,""b, c"",데스크"',
  ]);
});

it('lets an admin promote a candidate, recorded in the champion history', async () => {
  const response = await fetch(`${app.baseUrl}/api/models/2026-W47-a/promote`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await app.tokenFor('admin', 'jung.admin')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ reason: 'higher PR AUC on the hold-out' }),
  });
  assert.equal(response.status, 200);
  const models = await get<{
    versions: { version: string; status: string }[];
    events: { version: string; event: string; actor: string }[];
  }>('/api/models');
  assert.deepEqual(Object.fromEntries(models.versions.map((v) => [v.version, v.status])), {
    '2026-W46-a': 'retired',
    '2026-W47-a': 'champion',
  });
  assert.deepEqual(models.events[0], {
    ...models.events[0],
    version: '2026-W47-a',
    event: 'promoted',
    actor: 'jung.admin',
  });
});

it('shows each schedule with its next run and its last run, status and Temporal link', async () => {
  const client = app.temporal.client;
  const handle = await client.schedule.create({
    scheduleId,
    spec: { calendars: [{ hour: 5, minute: 0 }], timezone: 'Asia/Seoul' },
    action: { type: 'startWorkflow', workflowType: 'dailyReportWorkflow', taskQueue: scheduleId, args: [{}] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  });
  await handle.trigger();
  type Schedules = {
    schedules: {
      scheduleId: string;
      workflowType: string;
      nextRuns: string[];
      lastRun: { workflowId: string; status: string; link: string } | null;
      link: string;
    }[];
  };
  let mine: Schedules['schedules'][number] | undefined;
  for (let attempt = 0; attempt < 40 && !mine?.lastRun; attempt++) {
    mine = (await get<Schedules>('/api/dashboard')).schedules.find((s) => s.scheduleId === scheduleId);
    if (!mine?.lastRun) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(mine?.lastRun, 'the triggered run shows as the last run');
  assert.equal(mine.workflowType, 'dailyReportWorkflow');
  assert.ok(mine.nextRuns.length > 0 && Date.parse(mine.nextRuns[0]!) > Date.now());
  // No worker polls this queue, so the run is still running.
  assert.equal(mine.lastRun.status, 'RUNNING');
  const runPage = `http://temporal-ui.test/namespaces/default/workflows/${encodeURIComponent(mine.lastRun.workflowId)}/`;
  assert.ok(mine.lastRun.link.startsWith(runPage) && mine.lastRun.link.endsWith('/history'), mine.lastRun.link);
  assert.equal(mine.link, `http://temporal-ui.test/namespaces/default/schedules/${scheduleId}`);
  await client.workflow.getHandle(mine.lastRun.workflowId).terminate('test over');
});
