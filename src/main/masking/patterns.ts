// Value patterns for masking: where an e-mail address, a payment card number, an IBAN or a phone
// number sits inside a string. Card numbers must pass the Luhn check and IBANs the ISO 7064 mod-97
// check, so ordinary ids and amounts are not masked by accident; masking a little too much (a phone
// pattern on a number that is not one) is the safe side of the trade.
//
// - email: local@domain.tld (ASCII; the domain needs a dot).
// - card:  13–19 digits, first digit 2–6 (the payment-card industries of ISO/IEC 7812), written
//          together or in groups split by single spaces or dashes, Luhn-valid. JSON numbers are
//          checked too (an integer of 13–19 digits).
// - iban:  two capital letters, two check digits, 11–30 letters or digits (groups of four split by
//          spaces allowed), mod-97 == 1.
// - phone: "+" and 8–15 digits (spaces, dots, dashes, brackets between), or the North American
//          (555) 123-4567 / 555-123-4567 / 555.123.4567 forms.
import { MASK_PATTERN_NAMES } from '../../shared/masking.ts';

export const MASK_PATTERNS = MASK_PATTERN_NAMES;
export type MaskPattern = (typeof MASK_PATTERNS)[number];

export interface PatternMatch {
  start: number;
  end: number;
  pattern: MaskPattern;
}

// The local part is bounded (RFC 5321: 64): unbounded, '@' followed by a long run would scan quadratically.
const HAS_DIGIT = /[0-9]/;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/g;
/** Runs of digits with single spaces or dashes between them, not touching other digits. */
const DIGIT_RUN = /(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])/g;
const IBAN_RUN = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}[A-Z0-9]*(?: [A-Z0-9]+)*(?![A-Za-z0-9])/g;
const PHONE = [/(?<![\w+])\+[1-9](?:[ .()-]{0,2}[0-9]){7,14}(?![0-9])/g, /(?<![\w(])(?:\([0-9]{3}\) ?|[0-9]{3}[-. ])[0-9]{3}[-. ][0-9]{4}(?![0-9])/g];

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A digit string that reads as a payment card number. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && digits[0] >= '2' && digits[0] <= '6' && luhnValid(digits);
}

/** ISO 13616: move the first four characters to the end, letters as 10..35, the number mod 97 is 1. */
export function ibanValid(compact: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

/** Groups of a run split at its separators, with where each starts and ends in `text`. */
function groups(text: string, start: number, end: number, separator: RegExp): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let at = start;
  for (let i = start; i <= end; i++) {
    if (i === end || separator.test(text[i])) {
      if (i > at) found.push({ start: at, end: i });
      at = i + 1;
    }
  }
  return found;
}

/**
 * The longest runs of whole groups, left to right, that `accept` takes (joined without
 * separators): "4111 1111 1111 1111 7" still finds the card in its first four groups.
 */
function groupRuns(text: string, parts: { start: number; end: number }[], accept: (compact: string) => boolean, maxLength: number, pattern: MaskPattern, out: PatternMatch[]): void {
  let i = 0;
  while (i < parts.length) {
    // Grows the run group by group while it can still be one value (so a run of 10,000 groups stays linear).
    let compact = '';
    let longest = -1;
    for (let j = i; j < parts.length; j++) {
      compact += text.slice(parts[j].start, parts[j].end);
      if (compact.length > maxLength) break;
      if (accept(compact)) longest = j;
    }
    if (longest >= 0) {
      out.push({ start: parts[i].start, end: parts[longest].end, pattern });
      i = longest + 1;
    } else i++;
  }
}

function findAll(regex: RegExp, text: string, pattern: MaskPattern, out: PatternMatch[]): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, pattern });
}

/** Every match of the given patterns in `text`, left to right, overlaps resolved (earliest, then longest, wins). */
export function findPatterns(text: string, patterns: ReadonlySet<MaskPattern>): PatternMatch[] {
  if (patterns.size === 0 || text.length < 6) return [];
  const found: PatternMatch[] = [];
  if (patterns.has('email') && text.includes('@')) findAll(EMAIL, text, 'email', found);
  // Cards, IBANs and phone numbers all hold digits: most text (names, types, words) has none.
  if (!HAS_DIGIT.test(text)) return found;
  if (patterns.has('card')) {
    DIGIT_RUN.lastIndex = 0;
    for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
      if (m[0].length >= 13) groupRuns(text, groups(text, m.index, m.index + m[0].length, /[ -]/), isCardNumber, 19, 'card', found);
    }
  }
  if (patterns.has('iban')) {
    IBAN_RUN.lastIndex = 0;
    for (let m = IBAN_RUN.exec(text); m !== null; m = IBAN_RUN.exec(text)) {
      if (m[0].length >= 15) groupRuns(text, groups(text, m.index, m.index + m[0].length, / /), ibanValid, 34, 'iban', found);
    }
  }
  if (patterns.has('phone')) for (const regex of PHONE) findAll(regex, text, 'phone', found);
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PatternMatch[] = [];
  for (const match of found) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) {
      // Overlapping matches merge into one span, so no part of either is left readable.
      if (match.end > last.end) last.end = match.end;
      continue;
    }
    kept.push({ ...match });
  }
  return kept;
}

/** A JSON number's text that is a card number (an integer of 13–19 digits passing Luhn). */
export const numberIsCard = (text: string): boolean => /^[0-9]{13,19}$/.test(text) && isCardNumber(text);
