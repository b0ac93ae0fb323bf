/** A cell that a spreadsheet would run as a formula gets a leading apostrophe (formula injection). */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rejected rows of a file as CSV (UTF-8 with BOM so Excel shows Korean text): line, reasons, raw record. */
export function rejectedRowsCsv(rows: { line_no: number; reasons: string[]; raw: string }[]): string {
  const lines = [
    'line_no,reasons,raw',
    ...rows.map((r) => [String(r.line_no), csvCell(r.reasons.join('; ')), csvCell(r.raw)].join(',')),
  ];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
