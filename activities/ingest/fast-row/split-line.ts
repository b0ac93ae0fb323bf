/**
 * Finds the line's fields: comma-separated; a quoted field must close just before a comma or the line's end
 * (the splitter sends other quoting the slow way). Bytes are not judged here: every field the row uses passes a
 * check of its own, and the columns the file adds are checked for well-formed text.
 */
export function splitLine(
  buf: Uint8Array,
  s: number,
  e: number,
  expected: number,
  starts: Int32Array,
  ends: Int32Array,
): boolean {
  let field = 0;
  let i = s;
  for (;;) {
    if (field >= expected) return false;
    if (i < e && buf[i] === 34) {
      starts[field] = ++i;
      while (i < e && buf[i] !== 34) i++;
      if (i >= e) return false;
      ends[field++] = i++;
      if (i >= e) break;
      if (buf[i] !== 44) return false;
    } else {
      starts[field] = i;
      while (i < e && buf[i] !== 44) i++;
      ends[field++] = i;
      if (i >= e) break;
    }
    i++;
  }
  return field === expected;
}
