import iconv from 'iconv-lite';

/** Encodings a trade file may use. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949';

export type EncodingGuess = { ok: true; encoding: FileEncoding } | { ok: false; error: string };

/** A streaming decoder. CP949 goes through iconv-lite: Node's own euc-kr decoder knows only the KS X 1001 subset. */
export function createDecoder(encoding: FileEncoding): { write(chunk: Buffer): string; end(): string } {
  if (encoding === 'cp949') {
    const decoder = iconv.getDecoder('cp949');
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
  }
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/**
 * Decides a file's encoding from its first bytes: a BOM wins; otherwise valid UTF-8, else valid CP949
 * (EUC-KR's superset, as Korean Windows writes it). Control bytes other than tab, CR, LF mean the file is
 * not text at all (a stray NUL inside a row is the row's problem, not the file's).
 */
export function detectEncoding(sample: Buffer): EncodingGuess {
  if (sample.length === 0) return { ok: false, error: 'the file is empty' };
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { ok: true, encoding: 'utf-8-bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  let control = 0;
  for (const byte of sample) if ((byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13) || byte === 0x7f) control++;
  if (control / sample.length > 0.01) {
    return { ok: false, error: `not a text file: ${control} control or NUL bytes in the first ${sample.length} bytes` };
  }
  if (decodes(sample, 'utf-8')) return { ok: true, encoding: 'utf-8' };
  if (decodesAsCp949(sample)) return { ok: true, encoding: 'cp949' };
  return { ok: false, error: 'not a text file: the bytes are neither UTF-8 nor CP949 (EUC-KR)' };
}

/** Every byte sequence is valid CP949 (iconv-lite marks invalid ones U+FFFD); a cut last character is allowed. */
function decodesAsCp949(sample: Buffer): boolean {
  const decoder = iconv.getDecoder('cp949');
  return !decoder.write(sample).includes('\uFFFD');
}

function decodes(sample: Buffer, label: string): boolean {
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}
