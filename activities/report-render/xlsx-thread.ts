import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { neutraliseCell } from './neutralise';
import type { SheetRow } from './report-layout';

/** Messages from the report writer: batches of rendered `<row>` XML, then the closing sheets. */
export type XlsxThreadMessage =
  | { type: 'rows'; xml: string }
  | { type: 'finish'; sheets: { name: string; rows: SheetRow[] }[]; header: [string, string | number][] };
export type XlsxThreadReply = { type: 'ack' } | { type: 'done' } | { type: 'error'; message: string };

const input = workerData as { filename: string; columns: string[] };
const port = parentPort!;
// No cell styles and the fastest deflate level: on a 1M-row report, XML rendering and compression are most of the
// time, and level 1 costs only a little size (the xlsx is for people; the machine file is the record).
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
  filename: input.filename,
  useStyles: false,
  useSharedStrings: false,
  zip: { zlib: { level: 1 } },
});
// A streaming worksheet starts its zip entry when it is created and the zip takes entries one at a time, so the
// Header sheet (it needs the machine file's SHA-256) is created last: created first, it would hold every row back.
const dataSheet = workbook.addWorksheet('Data');
// The column row through exceljs opens the sheet's data; the data rows arrive rendered by rowXml (on the other
// thread; exceljs's own row model costs several times more per cell) and go straight into the sheet's stream;
// exceljs closes the sheet. This thread's work is the zip's deflate.
dataSheet.addRow(input.columns).commit();

async function finish(message: Extract<XlsxThreadMessage, { type: 'finish' }>): Promise<void> {
  dataSheet.commit();
  for (const sheet of message.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v))).commit();
    ws.commit();
  }
  const headerSheet = workbook.addWorksheet('Header');
  for (const row of message.header) headerSheet.addRow(row).commit();
  headerSheet.commit();
  await workbook.commit();
}

// exceljs writes each committed row into the sheet's stream (its own StreamBuf, piped into the zip) without
// looking at back-pressure; without a wait here, everything deflate has not caught up with piles up in memory
// (1.5 GB on a 1M-row report). Wait while the zip's input is full or the sheet holds more than ~1 MB unsent.
// The zip's input is a readable-stream 2/3 PassThrough, which predates `writableNeedDrain`: read its state.
type ZipInput = Writable & { _writableState?: { length: number; highWaterMark: number } };
const sheetStream = () => (dataSheet as unknown as { stream: { pipes: ZipInput[]; buffers: unknown[] } }).stream;
const isFull = (p: ZipInput) => {
  const state = p._writableState;
  return state ? state.length >= state.highWaterMark : Boolean(p.writableNeedDrain);
};
async function drained(): Promise<void> {
  for (;;) {
    const stream = sheetStream();
    const full = stream.pipes.find(isFull);
    if (full) await once(full, 'drain');
    else if (stream.buffers.length > 16) await new Promise((resolve) => setTimeout(resolve, 2));
    else return;
  }
}

port.on('message', (message: XlsxThreadMessage) => {
  if (message.type === 'rows') {
    (dataSheet as unknown as { stream: { write(text: string): void } }).stream.write(message.xml);
    drained().then(
      () => port.postMessage({ type: 'ack' } satisfies XlsxThreadReply),
      (error: unknown) => port.postMessage({ type: 'error', message: String(error) } satisfies XlsxThreadReply),
    );
    return;
  }
  finish(message).then(
    () => port.postMessage({ type: 'done' } satisfies XlsxThreadReply),
    (error: unknown) => port.postMessage({ type: 'error', message: String(error) } satisfies XlsxThreadReply),
  );
});
