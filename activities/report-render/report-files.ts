import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { csvLine } from './csv-format';
import { neutraliseCell } from './neutralise';
import type { ReportLayout, SheetRow } from './report-layout';
import { xmlOpen, xmlRecord } from './xml-format';

export interface ReportFiles {
  machinePath: string;
  machineSha256: string;
  machineBytes: number;
  xlsxPath: string;
  xlsxSha256: string;
  xlsxBytes: number;
  rowCount: number;
}

export interface WriteReportInput {
  dir: string;
  baseName: string;
  format: 'csv' | 'xml';
  layout: ReportLayout;
  rows: AsyncIterable<(string | null)[]>;
  xmlAttributes: Record<string, string>;
  /** The header block of the xlsx, given the finished machine file. */
  header(machine: { sha256: string; rowCount: number; fileName: string }): [string, string | number][];
  onProgress?(rows: number): void;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Streams the rows once into the machine file (CSV or XML, hashed as it is written) and the xlsx (exceljs's
 * streaming writer: Header, Data and summary sheets), then moves both into place. Memory stays flat.
 */
export async function writeReportFiles(input: WriteReportInput): Promise<ReportFiles> {
  mkdirSync(input.dir, { recursive: true });
  const suffix = `.partial-${randomBytes(4).toString('hex')}`;
  const machineName = `${input.baseName}.${input.format}`;
  const machinePath = path.join(input.dir, machineName);
  const xlsxPath = path.join(input.dir, `${input.baseName}.xlsx`);
  const machine = createWriteStream(machinePath + suffix);
  const hash = createHash('sha256');
  let machineBytes = 0;
  const write = async (text: string) => {
    const buffer = Buffer.from(text, 'utf8');
    hash.update(buffer);
    machineBytes += buffer.length;
    if (!machine.write(buffer)) await once(machine, 'drain');
  };
  const { columns } = input.layout;
  const names = columns.map((c) => c.name);
  const textual = columns.map((c) => c.kind === 'text');
  // No cell styles and the fastest deflate level: on a 1M-row report, compression is most of exceljs's time and
  // level 1 costs only a little size (xlsx is for people; the machine file is the record).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: xlsxPath + suffix,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  // Created first so it is the first tab; written last, once the machine file's SHA-256 is known.
  const headerSheet = workbook.addWorksheet('Header');
  const dataSheet = workbook.addWorksheet('Data');
  dataSheet.addRow(names).commit();
  await write(input.format === 'csv' ? csvLine(names) : xmlOpen(input.layout.xml.root, input.xmlAttributes));
  const summary = input.layout.summary();
  let rowCount = 0;
  for await (const row of input.rows) {
    const cells = row.map((v, i) => (v !== null && textual[i] ? neutraliseCell(v) : v));
    await write(input.format === 'csv' ? csvLine(cells) : xmlRecord(input.layout.xml.record, names, row));
    dataSheet.addRow(cells.map((v, i) => (v === null || v === '' ? null : textual[i] ? v : Number(v)))).commit();
    summary.add(row);
    rowCount++;
    // Lets the zip stream drain; exceljs's streaming writer has no back-pressure of its own.
    if (rowCount % 2000 === 0) {
      input.onProgress?.(rowCount);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (input.format === 'xml') await write(`</${input.layout.xml.root}>\n`);
  machine.end();
  await once(machine, 'finish');
  const machineSha256 = hash.digest('hex');
  dataSheet.commit();
  for (const sheet of summary.sheets()) addSheet(workbook, sheet.name, sheet.rows);
  const header = input.header({ sha256: machineSha256, rowCount, fileName: machineName });
  for (const row of header) headerSheet.addRow(row).commit();
  headerSheet.commit();
  await workbook.commit();
  renameSync(machinePath + suffix, machinePath);
  renameSync(xlsxPath + suffix, xlsxPath);
  return {
    machinePath,
    machineSha256,
    machineBytes,
    xlsxPath,
    xlsxSha256: await sha256File(xlsxPath),
    xlsxBytes: statSync(xlsxPath).size,
    rowCount,
  };
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, rows: SheetRow[]): void {
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v))).commit();
  sheet.commit();
}
