import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { neutraliseCell } from './neutralise';
import type { SheetRow } from './report-layout';

/** Messages from the report writer: row batches (cells already neutralised), then the closing sheets. */
export type XlsxThreadMessage =
  | { type: 'rows'; rows: (string | number | null)[][] }
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
// Created first so it is the first tab; written last, once the machine file's SHA-256 is known.
const headerSheet = workbook.addWorksheet('Header');
const dataSheet = workbook.addWorksheet('Data');
dataSheet.addRow(input.columns).commit();

async function finish(message: Extract<XlsxThreadMessage, { type: 'finish' }>): Promise<void> {
  dataSheet.commit();
  for (const sheet of message.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v))).commit();
    ws.commit();
  }
  for (const row of message.header) headerSheet.addRow(row).commit();
  headerSheet.commit();
  await workbook.commit();
}

// exceljs writes each committed row into the sheet's stream (its own StreamBuf, piped into the zip) without
// looking at back-pressure; without a wait here, everything deflate has not caught up with piles up in memory
// (1.5 GB on a 1M-row report). Wait while the zip's input is full or the sheet holds more than ~1 MB unsent.
const sheetStream = () => (dataSheet as unknown as { stream: { pipes: Writable[]; buffers: unknown[] } }).stream;
async function drained(): Promise<void> {
  for (;;) {
    const stream = sheetStream();
    const full = stream.pipes.find((p) => p.writableNeedDrain);
    if (full) await once(full, 'drain');
    else if (stream.buffers.length > 16) await new Promise((resolve) => setTimeout(resolve, 2));
    else return;
  }
}

port.on('message', (message: XlsxThreadMessage) => {
  if (message.type === 'rows') {
    for (const row of message.rows) dataSheet.addRow(row).commit();
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
