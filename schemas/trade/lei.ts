/**
 * Legal Entity Identifier checks (ISO 17442): 18 alphanumerics followed by two check digits,
 * valid when the whole value, letters mapped A=10 … Z=35, is congruent to 1 mod 97 (ISO 7064 MOD 97-10).
 */
export const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/;

/** Remainder mod 97 of the number spelled by `value` with letters expanded to two digits. */
export function mod97(value: string): number {
  let remainder = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return remainder;
}

export function hasValidLeiCheckDigits(lei: string): boolean {
  return mod97(lei) === 1;
}

export function isValidLei(value: string): boolean {
  return LEI_PATTERN.test(value) && hasValidLeiCheckDigits(value);
}

/** Completes an 18-character LEI prefix with its two check digits. */
export function withLeiCheckDigits(prefix18: string): string {
  if (!/^[A-Z0-9]{18}$/.test(prefix18)) throw new Error(`LEI prefix must be 18 characters of A-Z 0-9: ${prefix18}`);
  const check = 98 - mod97(prefix18 + '00');
  return prefix18 + String(check).padStart(2, '0');
}
