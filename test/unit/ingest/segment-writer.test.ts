import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { SegmentWriter } from '../../../activities/ingest/segment-writer';

const SEGMENT_BYTES = 1 << 20;

const md5 = (text: string) => createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');

/** Text with 1-, 2-, 3- and 4-byte UTF-8 characters (the last a surrogate pair). */
function mixedText(n: number): string {
  return `row ${n}\tcafé 금리스왑 ${'x'.repeat(n % 37)} 🙂\n`;
}

function assertOwnMemory(segments: readonly Buffer[]): void {
  const buffers = new Set(segments.map((s) => s.buffer));
  assert.equal(buffers.size, segments.length, 'each segment has its own ArrayBuffer');
  for (const segment of segments) {
    assert.equal(segment.byteOffset, 0, 'a segment starts at the start of its ArrayBuffer');
    assert.ok(segment.length > 0, 'no empty segments');
  }
}

describe('SegmentWriter', () => {
  it('finishes with no segments when nothing (or only empty text) was written', () => {
    assert.deepEqual(new SegmentWriter().finish(), []);
    const writer = new SegmentWriter();
    writer.write('');
    writer.write('');
    assert.deepEqual(writer.finish(), []);
  });

  it('keeps a small write in one segment', () => {
    const writer = new SegmentWriter();
    writer.write('a\tb\n');
    writer.write('금리\n');
    const segments = writer.finish();
    assert.equal(segments.length, 1);
    assert.equal(segments[0]!.toString('utf8'), 'a\tb\n금리\n');
  });

  it('spreads many small writes over several segments whose concatenation is the text as UTF-8', () => {
    const writer = new SegmentWriter();
    const parts: string[] = [];
    for (let n = 0; n < 60_000; n++) {
      const text = mixedText(n);
      parts.push(text);
      writer.write(text);
    }
    const segments = writer.finish();
    assert.ok(segments.length >= 3, `expected several segments, got ${segments.length}`);
    for (const segment of segments) assert.ok(segment.length <= SEGMENT_BYTES);
    assert.ok(Buffer.concat(segments).equals(Buffer.from(parts.join(''), 'utf8')));
    assertOwnMemory(segments);
  });

  it('never splits one write across segments', () => {
    const writer = new SegmentWriter();
    for (let n = 0; n < 30_000; n++) writer.write(mixedText(n));
    for (const segment of writer.finish()) {
      assert.equal(segment.toString('utf8').endsWith('\n'), true);
      assert.ok(segment.toString('utf8').startsWith('row '));
    }
  });

  it('writes a text larger than a segment as its own segment, in order', () => {
    const big = '금'.repeat(400_000) + 'end';
    assert.ok(Buffer.byteLength(big) > SEGMENT_BYTES);
    const writer = new SegmentWriter();
    writer.write('before\n');
    writer.write(big);
    writer.write('after\n');
    const segments = writer.finish();
    assert.equal(segments.length, 3);
    assert.equal(segments[0]!.toString('utf8'), 'before\n');
    assert.equal(segments[1]!.toString('utf8'), big);
    assert.equal(segments[2]!.toString('utf8'), 'after\n');
    assertOwnMemory(segments);
  });

  it('writes a hashed line as prefix, body, tab, md5 of the body’s UTF-8 bytes in hex, newline', () => {
    const writer = new SegmentWriter();
    const body = 'UTI1\t\\N\tNEWT\t금리스왑데스크\tcafé 🙂';
    writer.writeHashedLine('1\t2\tfile\t', body);
    const segments = writer.finish();
    assert.equal(segments.length, 1);
    assert.equal(segments[0]!.toString('utf8'), `1\t2\tfile\t${body}\t${md5(body)}\n`);
    assert.match(md5(body), /^[0-9a-f]{32}$/);
  });

  it('hashes the bytes UTF-8 gives a lone surrogate (U+FFFD), like Buffer.from', () => {
    const writer = new SegmentWriter();
    const body = 'a\uD800b';
    writer.writeHashedLine('', body);
    const bytes = Buffer.concat(writer.finish());
    assert.ok(bytes.equals(Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from(`\t${md5(body)}\n`, 'latin1')])));
  });

  it('mixes hashed lines and plain writes over many segments, each line whole in one segment', () => {
    const writer = new SegmentWriter();
    let expected = '';
    for (let n = 0; n < 40_000; n++) {
      const prefix = `9\t${n + 2}\tfile\t`;
      const body = mixedText(n).slice(0, -1);
      writer.writeHashedLine(prefix, body);
      expected += `${prefix}${body}\t${md5(body)}\n`;
      if (n % 1000 === 0) {
        writer.write(`# ${n}\n`);
        expected += `# ${n}\n`;
      }
    }
    const segments = writer.finish();
    assert.ok(segments.length >= 2, `expected several segments, got ${segments.length}`);
    assert.ok(Buffer.concat(segments).equals(Buffer.from(expected, 'utf8')));
    for (const segment of segments) assert.equal(segment.at(-1), 0x0a, 'a segment ends at the end of a line');
    assertOwnMemory(segments);
  });

  it('writes a hashed line larger than a segment, and continues after it', () => {
    const writer = new SegmentWriter();
    const body = '스'.repeat(500_000);
    writer.write('first\n');
    writer.writeHashedLine('p\t', body);
    writer.write('last\n');
    const bytes = Buffer.concat(writer.finish());
    assert.equal(bytes.toString('utf8'), `first\np\t${body}\t${md5(body)}\nlast\n`);
  });
});
