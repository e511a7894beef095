// Masking rules as people write them: `--mask` values on the command line and a policy file.
//
// --mask data.customer.email     a path rule (grammar in maskPath.ts)
// --mask pattern:email           a value pattern: email, card, iban, phone (also bare: --mask email)
// --mask pattern:all             the four patterns
// --mask default                 DEFAULT_POLICY (the four patterns and common personal-data paths)
//
// A policy file is JSON: { "paths": ["data.customer.email", …], "patterns": ["email", "card"] }
// (both optional, nothing else allowed), checked with zod and every path parsed before use.
import fs from 'node:fs';
import { z } from 'zod';
import type { MaskRule } from '../../shared/evidence.ts';
import { LedgerError } from '../errors.ts';
import { parseMaskPath } from './maskPath.ts';
import { MASK_PATTERNS, type MaskPattern } from './patterns.ts';
import { words } from '../../shared/errorWords/index.ts';

const patternRules = (patterns: readonly MaskPattern[]): MaskRule[] => patterns.map((pattern) => ({ kind: 'pattern', pattern }));

/**
 * What the app's masking switch uses unless told otherwise: the four patterns, and the fields that
 * usually hold a person (their e-mail, phone, name, address, date of birth, IP) at the top of data or
 * one level down (data.customer.email), plus who acted (metadata.actor, metadata.user).
 */
export const DEFAULT_POLICY: MaskRule[] = [
  ...patternRules(MASK_PATTERNS),
  ...['email', 'phone', 'name', 'firstName', 'lastName', 'fullName', 'owner', 'address', 'dateOfBirth', 'birthDate', 'ssn', 'taxId', 'iban', 'cardNumber', 'ip', 'ipAddress'].flatMap(
    (field): MaskRule[] => [
      { kind: 'path', path: `data.${field}` },
      { kind: 'path', path: `data.*.${field}` },
    ],
  ),
  { kind: 'path', path: 'metadata.actor' },
  { kind: 'path', path: 'metadata.user' },
  { kind: 'path', path: 'metadata.ip' },
];

const isPattern = (text: string): text is MaskPattern => (MASK_PATTERNS as readonly string[]).includes(text);

/** One `--mask` value as rules; throws INVALID_INPUT in words for anything else. */
export function rulesFromMaskArg(input: string): MaskRule[] {
  const text = input.trim();
  if (text === 'default') return DEFAULT_POLICY.map((rule) => ({ ...rule }));
  const pattern = text.startsWith('pattern:') ? text.slice('pattern:'.length) : isPattern(text) ? text : null;
  if (pattern !== null) {
    if (pattern === 'all') return patternRules(MASK_PATTERNS);
    if (!isPattern(pattern)) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.noPattern', { pattern, patterns: MASK_PATTERNS.map((p) => `pattern:${p}`).join(', ') }), { mask: text });
    return [{ kind: 'pattern', pattern }];
  }
  return [{ kind: 'path', path: parseMaskPath(text).text }];
}

const policySchema = z.strictObject({
  /** Optional description for people reading the file. */
  description: z.string().max(10_000).optional(),
  paths: z.array(z.string().max(1024)).max(10_000).optional(),
  patterns: z.array(z.enum(MASK_PATTERNS)).max(MASK_PATTERNS.length * 4).optional(),
});

/** The rules of a policy file's JSON text; `where` names the file in messages. */
export function parsePolicy(text: string, where: string): MaskRule[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.mask.policyNotJson', { path: where, error: (error as Error).message }), { file: where });
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const said = issue.path.length
      ? words('errorWords.mask.policyNotOneAt', { path: where, at: issue.path.join('.'), issue: issue.message })
      : words('errorWords.mask.policyNotOne', { path: where, issue: issue.message });
    throw new LedgerError('INVALID_INPUT', said, {
      file: where,
      issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const rules: MaskRule[] = [];
  (parsed.data.paths ?? []).forEach((path, i) => {
    try {
      rules.push({ kind: 'path', path: parseMaskPath(path).text });
    } catch (error) {
      const problem = error instanceof LedgerError ? (error.words ?? error.message) : (error as Error).message;
      throw new LedgerError('INVALID_INPUT', words('errorWords.mask.policyPath', { path: where, index: i, problem }), { file: where, index: i });
    }
  });
  for (const pattern of new Set(parsed.data.patterns ?? [])) rules.push({ kind: 'pattern', pattern });
  if (rules.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.policyNoRules', { path: where }), { file: where });
  return rules;
}

export function readPolicyFile(file: string): MaskRule[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const said =
      code === 'ENOENT'
        ? words('errorWords.mask.policyMissing', { path: file })
        : code === 'EISDIR'
          ? words('errorWords.mask.policyFolder', { path: file })
          : code === 'EACCES'
            ? words('errorWords.mask.policyDenied', { path: file })
            : words('errorWords.mask.policyUnreadable', { path: file, error: (error as Error).message });
    throw new LedgerError('INVALID_INPUT', said, { file });
  }
  return parsePolicy(text, file);
}

/** The same rule given twice (a path in the policy and on the command line) is kept once. */
export function uniqueRules(rules: MaskRule[]): MaskRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = rule.kind === 'path' ? `path:${rule.path}` : `pattern:${rule.pattern}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
