// The machine file as XML (REPORT_MACHINE_FORMAT=xml): one <trade> element per row, column names as elements.
// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these control characters; they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function xmlText(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function xmlOpen(root: string, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attrs}>\n`;
}

export function xmlRecord(element: string, columns: readonly string[], values: readonly (string | null)[]): string {
  const fields = columns
    .map((c, i) => {
      const v = values[i];
      return v === null || v === undefined || v === '' ? '' : `<${c}>${xmlText(v)}</${c}>`;
    })
    .join('');
  return `  <${element}>${fields}</${element}>\n`;
}
