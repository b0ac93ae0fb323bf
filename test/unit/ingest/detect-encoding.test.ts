import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { createDecoder, detectEncoding, type FileEncoding } from '../../../activities/ingest/detect-encoding';
import { csvFile, validRow } from '../../support/trade-rows';

const KOREAN_TEXT = csvFile([
  validRow(1),
  validRow(2, { desk: '외환스왑데스크', trader_id: '김철수', source_system: '원장시스템' }),
]);

function encodingOf(sample: Buffer): FileEncoding {
  const guess = detectEncoding(sample);
  assert.ok(guess.ok, `expected an encoding, got: ${guess.ok ? '' : guess.error}`);
  return guess.encoding;
}

function errorOf(sample: Buffer): string {
  const guess = detectEncoding(sample);
  assert.ok(!guess.ok, `expected an error, got ${guess.ok ? guess.encoding : ''}`);
  return guess.error;
}

/** ASCII text of `length` bytes with NUL at `count` evenly spaced places. */
function textWithNuls(length: number, count: number): Buffer {
  const sample = Buffer.from('a,b,c\n'.repeat(Math.ceil(length / 6)).slice(0, length), 'latin1');
  for (let k = 0; k < count; k++) sample[Math.floor(((k + 0.5) * length) / count)] = 0;
  return sample;
}

describe('detectEncoding', () => {
  it('rejects an empty sample', () => {
    assert.deepEqual(detectEncoding(Buffer.alloc(0)), { ok: false, error: 'the file is empty' });
  });

  describe('byte order marks', () => {
    it('detects UTF-8 with a BOM', () => {
      const sample = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KOREAN_TEXT, 'utf8')]);
      assert.equal(encodingOf(sample), 'utf-8-bom');
    });

    it('detects a BOM-only UTF-8 file', () => {
      assert.equal(encodingOf(Buffer.from([0xef, 0xbb, 0xbf])), 'utf-8-bom');
    });

    it('detects UTF-16 LE by its BOM, although half its bytes are NUL', () => {
      const sample = Buffer.from('\uFEFF' + KOREAN_TEXT, 'utf16le');
      assert.deepEqual([sample[0], sample[1]], [0xff, 0xfe]);
      assert.equal(encodingOf(sample), 'utf-16le');
    });

    it('detects UTF-16 BE by its BOM', () => {
      const sample = Buffer.from('\uFEFF' + KOREAN_TEXT, 'utf16le').swap16();
      assert.deepEqual([sample[0], sample[1]], [0xfe, 0xff]);
      assert.equal(encodingOf(sample), 'utf-16be');
    });

    it('refuses UTF-16 without a BOM as not text (its ASCII has a NUL in every other byte)', () => {
      assert.match(errorOf(Buffer.from(KOREAN_TEXT, 'utf16le')), /^not a text file: \d+ control or NUL bytes/);
    });
  });

  describe('without a BOM', () => {
    it('detects plain ASCII as UTF-8', () => {
      assert.equal(encodingOf(Buffer.from(csvFile([validRow(1, { desk: 'IRS desk' })]), 'utf8')), 'utf-8');
    });

    it('detects UTF-8 with Korean text', () => {
      assert.equal(encodingOf(Buffer.from(KOREAN_TEXT, 'utf8')), 'utf-8');
    });

    it('detects CP949 bytes (as iconv-lite writes them) as cp949', () => {
      const sample = iconv.encode(KOREAN_TEXT, 'cp949');
      assert.notDeepEqual(sample, Buffer.from(KOREAN_TEXT, 'utf8'));
      assert.equal(encodingOf(sample), 'cp949');
    });

    it('detects UTF-8 cut in the middle of a multi-byte character, at every cut', () => {
      const sample = Buffer.from('desk,금리스왑데스크\n', 'utf8');
      for (let length = 1; length <= sample.length; length++) {
        assert.equal(encodingOf(sample.subarray(0, length)), 'utf-8', `first ${length} bytes`);
      }
    });

    it('detects CP949 cut in the middle of a two-byte character', () => {
      const text = 'desk,금리스왑데스크,외환\n';
      const sample = iconv.encode(text, 'cp949');
      const start = 'desk,'.length;
      // Cut after one byte of the second, third, … Korean character: each ends on a lead byte.
      for (let character = 1; character < 7; character++) {
        const cut = start + character * 2 + 1;
        assert.ok(sample[cut - 1]! >= 0x81, 'the cut leaves a lead byte at the end');
        assert.equal(encodingOf(sample.subarray(0, cut)), 'cp949', `cut at byte ${cut}`);
      }
    });

    it('refuses bytes that are neither UTF-8 nor CP949', () => {
      const sample = Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x0a, 0x62, 0x0a]);
      assert.equal(errorOf(sample), 'not a text file: the bytes are neither UTF-8 nor CP949 (EUC-KR)');
    });
  });

  describe('binary files', () => {
    it('refuses a sample full of NUL and control bytes', () => {
      const sample = Buffer.alloc(4096);
      for (let i = 0; i < sample.length; i++) sample[i] = i % 256;
      assert.match(errorOf(sample), /^not a text file: \d+ control or NUL bytes in the first 4096 bytes$/);
    });

    it('refuses a PNG header followed by zeros', () => {
      const sample = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
      assert.match(errorOf(sample), /^not a text file/);
    });

    it('does not count tab, CR and LF as control bytes', () => {
      assert.equal(encodingOf(Buffer.from('\t\t\r\n'.repeat(100), 'latin1')), 'utf-8');
    });

    it('accepts a few NULs below the 1% threshold: a stray NUL is the row’s problem, not the file’s', () => {
      assert.equal(encodingOf(textWithNuls(1000, 5)), 'utf-8');
      assert.equal(encodingOf(textWithNuls(1000, 10)), 'utf-8', 'exactly 1% is still text');
    });

    it('refuses a sample with NULs above 1%', () => {
      assert.equal(errorOf(textWithNuls(1000, 11)), 'not a text file: 11 control or NUL bytes in the first 1000 bytes');
    });

    it('counts DEL (0x7f) as a control byte', () => {
      const sample = Buffer.from('a'.repeat(50) + '\x7f'.repeat(50), 'latin1');
      assert.equal(errorOf(sample), 'not a text file: 50 control or NUL bytes in the first 100 bytes');
    });
  });
});

describe('createDecoder', () => {
  it('decodes each detected sample back to the text, without the BOM', () => {
    const samples: [FileEncoding, Buffer][] = [
      ['utf-8', Buffer.from(KOREAN_TEXT, 'utf8')],
      ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KOREAN_TEXT, 'utf8')])],
      ['utf-16le', Buffer.from('\uFEFF' + KOREAN_TEXT, 'utf16le')],
      ['utf-16be', Buffer.from('\uFEFF' + KOREAN_TEXT, 'utf16le').swap16()],
      ['cp949', iconv.encode(KOREAN_TEXT, 'cp949')],
    ];
    for (const [encoding, sample] of samples) {
      assert.equal(encodingOf(sample), encoding);
      const decoder = createDecoder(encoding);
      assert.equal(decoder.write(sample) + decoder.end(), KOREAN_TEXT, encoding);
    }
  });

  // Node's own euc-kr decoder knows only KS X 1001 (2,350 syllables); CP949 adds 8,822 more (UHC), e.g. 똠 = 8C 63.
  it('decodes CP949 extension (UHC) syllables, also when a chunk ends inside one', () => {
    const text = 'desk\n똠방각하\n햏\n쌰\n';
    const bytes = iconv.encode(text, 'cp949');
    assert.equal(encodingOf(bytes), 'cp949');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = createDecoder('cp949');
      const decoded = decoder.write(bytes.subarray(0, cut)) + decoder.write(bytes.subarray(cut)) + decoder.end();
      assert.equal(decoded, text, `cut at ${cut}`);
    }
  });

  it('marks bytes invalid in CP949 with U+FFFD, so their row is rejected', () => {
    const decoder = createDecoder('cp949');
    assert.ok((decoder.write(Buffer.from([0x41, 0xff, 0xff, 0x42])) + decoder.end()).includes('\uFFFD'));
  });
});
