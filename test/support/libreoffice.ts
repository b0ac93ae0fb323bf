import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../activities/report-render/csv-format';

/**
 * Converts every sheet of a workbook to CSV with LibreOffice headless (its own profile in `scratch`), and returns
 * the cells by sheet name. Filter token 12 = -1 writes one CSV per sheet (LibreOffice 7.2+).
 */
export function sheetsViaLibreOffice(xlsx: string, scratch: string): Map<string, string[][]> {
  const out = path.join(scratch, 'lo-out');
  mkdirSync(out, { recursive: true });
  const result = spawnSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(scratch, 'lo-profile')}`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      out,
      xlsx,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr || result.error?.message}`);
  const base = path.basename(xlsx, '.xlsx');
  const sheets = new Map<string, string[][]>();
  for (const file of readdirSync(out)) {
    if (!file.startsWith(`${base}-`) || !file.endsWith('.csv')) continue;
    sheets.set(file.slice(base.length + 1, -4), parseCsv(readFileSync(path.join(out, file), 'utf8')));
  }
  return sheets;
}
