/*
 * UTF-8 checks for the fast path: only well-formed text that validateTrade would take unchanged passes.
 */

const MAX_TEXT_CODE_POINTS = 100;

function cont(b: number | undefined): boolean {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}

/**
 * Length of the well-formed UTF-8 sequence whose lead byte (≥ 0x80) is at i, or -1 (WHATWG's rules: no overlong
 * forms, no surrogates, nothing above U+10FFFF). Lead byte 0xEF is refused too: U+FEFF (a BOM, which trim()
 * removes) and U+FFFD (how a decoder marks invalid bytes, which rejects a row) both start with it.
 */
export function utf8SequenceLength(buf: Uint8Array, i: number, e: number): number {
  const b = buf[i]!;
  if (b >= 0xc2 && b <= 0xdf) return i + 1 < e && cont(buf[i + 1]) ? 2 : -1;
  if (b >= 0xe0 && b <= 0xee) {
    if (i + 2 >= e || !cont(buf[i + 2])) return -1;
    const b1 = buf[i + 1]!;
    if (b === 0xe0) return b1 >= 0xa0 && b1 <= 0xbf ? 3 : -1;
    if (b === 0xed) return b1 >= 0x80 && b1 <= 0x9f ? 3 : -1;
    return cont(b1) ? 3 : -1;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (i + 3 >= e || !cont(buf[i + 2]) || !cont(buf[i + 3])) return -1;
    const b1 = buf[i + 1]!;
    if (b === 0xf0) return b1 >= 0x90 && b1 <= 0xbf ? 4 : -1;
    if (b === 0xf4) return b1 >= 0x80 && b1 <= 0x8f ? 4 : -1;
    return cont(b1) ? 4 : -1;
  }
  return -1;
}

/**
 * A character that trim() might remove starts with one of these lead bytes: U+00A0 (C2), U+1680 (E1),
 * U+2000-U+205F (E2), U+3000 (E3), U+FEFF (EF). Text that begins or ends with one goes the slow way.
 */
function mayBeSpace(lead: number): boolean {
  return lead === 0xc2 || lead === 0xe1 || lead === 0xe2 || lead === 0xe3 || lead === 0xef;
}

/** The edge character starting with this byte needs no trimming (printable ASCII, or a non-space lead byte). */
function keepsEdge(b: number): boolean {
  return (b > 32 && b < 127) || (b >= 0xc3 && !mayBeSpace(b));
}

/**
 * Code points in [s, e) when every byte is printable ASCII other than a quote or a backslash, or belongs to
 * well-formed UTF-8 (see utf8SequenceLength); otherwise -1. Such text needs no COPY escaping and decodes without
 * replacement characters.
 */
export function wellFormedText(buf: Uint8Array, s: number, e: number): number {
  let points = 0;
  for (let i = s; i < e; points++) {
    const b = buf[i]!;
    if (b < 0x80) {
      if (b < 32 || b === 34 || b === 92 || b === 127) return -1;
      i++;
    } else {
      const n = utf8SequenceLength(buf, i, e);
      if (n < 0) return -1;
      i += n;
    }
  }
  return points;
}

/** Free text that validateTrade keeps as it is: well-formed, nothing to trim at either end, at most 100 code points. */
export function plainText(buf: Uint8Array, s: number, e: number): boolean {
  if (!keepsEdge(buf[s]!)) return false;
  let last = e - 1;
  while (last > s && buf[last]! >= 0x80 && buf[last]! <= 0xbf) last--;
  if (!keepsEdge(buf[last]!)) return false;
  const points = wellFormedText(buf, s, e);
  return points >= 0 && points <= MAX_TEXT_CODE_POINTS;
}
