import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LEI_PATTERN, hasValidLeiCheckDigits, isValidLei, mod97, withLeiCheckDigits } from '../../../schemas/trade/lei';

/** Published LEIs (GLEIF register), as quoted in issuers' own filings and in GLEIF's documentation. */
const REAL_LEIS = {
  'GLEIF (Global Legal Entity Identifier Foundation)': '506700GE1G29325QX363',
  'Apple Inc.': 'HWUPKR0MPOU8FGXBT394',
  'JPMorgan Chase & Co.': '8I5DZWZKVSZI1NUHU748',
  'The Goldman Sachs Group, Inc.': '784F5XWPLTWKTBV3E584',
  'Deutsche Bank AG': '7LTWFZYICNSX8D621K86',
  'LCH Limited': 'F226TOH6YD6XJB17KS62',
  'Microsoft Corporation': 'INR2EJN1ERAN0W5ZP974',
};

/** Replaces the first digit of the 18-character body with the next digit (a single-digit substitution). */
function changeOneDigit(lei: string): string {
  const at = [...lei.slice(0, 18)].findIndex((ch) => ch >= '0' && ch <= '9');
  assert.ok(at >= 0, `${lei} has a digit in its body`);
  const digit = (Number(lei[at]) + 1) % 10;
  return lei.slice(0, at) + digit + lei.slice(at + 1);
}

/** Swaps the first pair of adjacent, different digits (a transposition that MOD 97-10 always detects). */
function swapAdjacentDigits(lei: string): string {
  for (let i = 0; i + 1 < lei.length; i++) {
    const a = lei[i] ?? '';
    const b = lei[i + 1] ?? '';
    if (/\d/.test(a) && /\d/.test(b) && a !== b) return lei.slice(0, i) + b + a + lei.slice(i + 2);
  }
  throw new Error(`no adjacent distinct digits in ${lei}`);
}

describe('LEI (ISO 17442, ISO 7064 MOD 97-10)', () => {
  for (const [name, lei] of Object.entries(REAL_LEIS)) {
    describe(`${name} ${lei}`, () => {
      it('is valid: format and check digits', () => {
        assert.match(lei, LEI_PATTERN);
        assert.equal(mod97(lei), 1);
        assert.equal(hasValidLeiCheckDigits(lei), true);
        assert.equal(isValidLei(lei), true);
      });

      it('fails with one digit changed', () => {
        const corrupted = changeOneDigit(lei);
        assert.notEqual(corrupted, lei);
        assert.equal(isValidLei(corrupted), false, corrupted);
      });

      it('fails with two adjacent digits swapped', () => {
        const corrupted = swapAdjacentDigits(lei);
        assert.equal(isValidLei(corrupted), false, corrupted);
      });

      it('fails with its check digits swapped', () => {
        const swapped = lei.slice(0, 18) + lei[19] + lei[18];
        if (swapped !== lei) assert.equal(isValidLei(swapped), false, swapped);
      });

      it('fails in lower case', () => {
        if (lei.toLowerCase() !== lei) assert.equal(isValidLei(lei.toLowerCase()), false);
      });

      it('fails with a wrong length', () => {
        assert.equal(isValidLei(lei.slice(0, 19)), false);
        assert.equal(isValidLei(lei + '0'), false);
        assert.equal(isValidLei(''), false);
      });

      it('withLeiCheckDigits recomputes its check digits from the first 18 characters', () => {
        assert.equal(withLeiCheckDigits(lei.slice(0, 18)), lei);
      });
    });
  }

  it('mod97 refuses characters outside A-Z 0-9', () => {
    assert.equal(mod97('506700ge1g29325qx363'), -1);
    assert.equal(mod97('506700GE1G29325QX36-'), -1);
  });

  it('withLeiCheckDigits produces valid LEIs, padding check digits below 10', () => {
    const made = Array.from({ length: 200 }, (_, i) => withLeiCheckDigits('549300' + String(i).padStart(12, '0')));
    for (const lei of made) assert.equal(isValidLei(lei), true, lei);
    assert.ok(
      made.some((lei) => lei[18] === '0'),
      'some check digits start with 0',
    );
  });

  it('withLeiCheckDigits rejects a prefix that is not 18 characters of A-Z 0-9', () => {
    assert.throws(() => withLeiCheckDigits('549300ABC'), /18 characters/);
    assert.throws(() => withLeiCheckDigits('549300abcdefghijkl'), /18 characters/);
  });
});
