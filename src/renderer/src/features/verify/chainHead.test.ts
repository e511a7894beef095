import { describe, expect, it } from 'vitest';
import { besidePath } from '../../lib/format.ts';
import { checkChainHead } from './chainHead.ts';

const HEAD = '2a045024f8a0bbdf6c330da29cf483133223822360848e9c59671f497a52c0f0';

describe('checkChainHead', () => {
  it('accepts 64 hex characters, pasted with spaces, line breaks or capitals', () => {
    expect(checkChainHead(HEAD)).toEqual({ value: HEAD, problem: null });
    expect(checkChainHead(` ${HEAD.slice(0, 32)}\n${HEAD.slice(32).toUpperCase()} `)).toEqual({ value: HEAD, problem: null });
  });
  it('accepts hash@position as the CLI does, and refuses a position that is not a whole number', () => {
    expect(checkChainHead(`${HEAD.toUpperCase()}@400`)).toEqual({ value: `${HEAD}@400`, problem: null });
    expect(checkChainHead(`${HEAD}@`).problem).toMatch(/position the head was recorded at/);
    expect(checkChainHead(`${HEAD}@-3`).problem).toMatch(/position the head was recorded at/);
    expect(checkChainHead(`${HEAD.slice(1)}@4`).problem).toBe('A chain head is 64 hexadecimal characters; this one has 63.');
  });
  it('treats an empty field as no expected head', () => {
    expect(checkChainHead('  ')).toEqual({ value: null, problem: null });
  });
  it('says what is wrong', () => {
    expect(checkChainHead(HEAD.slice(1)).problem).toBe('A chain head is 64 hexadecimal characters; this one has 63.');
    expect(checkChainHead(`${HEAD.slice(1)}g`).problem).toContain("'g' is not one of them");
    expect(checkChainHead("'; DROP TABLE events; --").problem).toContain("''' is not one of them");
  });
});

describe('besidePath', () => {
  it('suggests <name>.ledger.db in the same folder', () => {
    expect(besidePath('/data/exports/orders.csv')).toBe('/data/exports/orders.ledger.db');
    expect(besidePath('C:\\audits\\emmett.db')).toBe('C:\\audits\\emmett.ledger.db');
    expect(besidePath('events')).toBe('events.ledger.db');
    expect(besidePath('/x/.hidden')).toBe('/x/.hidden.ledger.db');
  });
});
