// SpreadsheetML for one data row, in the same form exceljs's streaming writer produces (`t="str"` text cells,
// plain numeric cells), but without its per-cell object model: on a 1M-row report that model was most of the time.

// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these control characters; they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value: string): string {
  const clean = value.replace(INVALID_XML, '');
  return /[&<>"']/.test(clean) ? clean.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : clean;
}

/** Column letters A, B, …, Z, AA, … for `count` columns. */
export function columnLetters(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    let n = i + 1;
    let letters = '';
    while (n > 0) {
      const r = (n - 1) % 26;
      letters = String.fromCharCode(65 + r) + letters;
      n = Math.floor((n - 1) / 26);
    }
    return letters;
  });
}

/** `<row>` for sheet row `rowNumber`; null cells are left out, non-finite numbers too. */
export function rowXml(
  rowNumber: number,
  cells: readonly (string | number | null)[],
  letters: readonly string[],
): string {
  let xml = `<row r="${rowNumber}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    const ref = `${letters[i]}${rowNumber}`;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) xml += `<c r="${ref}"><v>${v}</v></c>`;
    } else xml += `<c r="${ref}" t="str"><v>${escapeXml(v)}</v></c>`;
  }
  return xml + '</row>';
}
