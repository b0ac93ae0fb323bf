import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { csvLine } from './csv-format';
import { neutraliseCell } from './neutralise';
import type { ReportLayout } from './report-layout';
import { xmlOpen, xmlRecord } from './xml-format';
import { XlsxWriter } from './xlsx-writer';

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
 * streaming writer on its own thread: Header, Data and summary sheets), then moves both into place. Memory stays
 * flat: rows go by in bounded batches.
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
  const xlsx = new XlsxWriter(xlsxPath + suffix, names);
  try {
    await write(input.format === 'csv' ? csvLine(names) : xmlOpen(input.layout.xml.root, input.xmlAttributes));
    const summary = input.layout.summary();
    let rowCount = 0;
    let pending = '';
    for await (const row of input.rows) {
      const cells = row.map((v, i) => (v !== null && textual[i] ? neutraliseCell(v) : v));
      // Machine-file text is gathered and written in blocks: one write per row costs more than the row itself.
      pending += input.format === 'csv' ? csvLine(cells) : xmlRecord(input.layout.xml.record, names, row);
      if (pending.length > 65_536) {
        await write(pending);
        pending = '';
      }
      const full = xlsx.addRow(cells.map((v, i) => (v === null || v === '' ? null : textual[i] ? v : Number(v))));
      if (full) await full;
      summary.add(row);
      rowCount++;
      if (rowCount % 5000 === 0) input.onProgress?.(rowCount);
    }
    if (input.format === 'xml') pending += `</${input.layout.xml.root}>\n`;
    await write(pending);
    machine.end();
    await once(machine, 'finish');
    const machineSha256 = hash.digest('hex');
    await xlsx.finish(summary.sheets(), input.header({ sha256: machineSha256, rowCount, fileName: machineName }));
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
  } catch (error) {
    await xlsx.abort();
    machine.destroy();
    rmSync(machinePath + suffix, { force: true });
    rmSync(xlsxPath + suffix, { force: true });
    throw error;
  }
}
