// A spreadsheet evaluates a cell starting with = + - @ (or a tab/CR that hides one) as a formula. Every cell that
// came from input is prefixed with an apostrophe instead, the OWASP "CSV injection" remedy.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The value, or the value behind a leading apostrophe when a spreadsheet would read it as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
