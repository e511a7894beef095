import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempFiles.ts';
import { AtomicFileWriter } from './fileWriter.ts';

describe('AtomicFileWriter', () => {
  const dir = tempDir('writer');

  it('writes exactly the UTF-8 of what it was given, across buffer boundaries and oversized pieces', () => {
    const pieces: string[] = [];
    const samples = ['plain ascii line\n', 'é ö ü ß', '😀 emoji pair', 'lone \ud800 surrogate', '\u2028', ''];
    for (let i = 0; i < 30_000; i++) pieces.push(samples[i % samples.length] + i);
    // Pieces near and beyond the buffer's size, in 1- and 3-byte characters.
    pieces.splice(1000, 0, 'x'.repeat(400_000), '€'.repeat(350_000));
    pieces.push('y'.repeat(3_000_000));
    const out = path.join(dir, 'mixed.txt');
    const writer = new AtomicFileWriter(out);
    for (const piece of pieces) writer.write(piece);
    const written = writer.commit();
    const expected = Buffer.from(pieces.join(''), 'utf8');
    const actual = fs.readFileSync(out);
    expect(actual.equals(expected)).toBe(true);
    expect(written).toEqual({ path: out, bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('commits a file larger than the background-sync interval whole', async () => {
    const out = path.join(dir, 'large.txt');
    const writer = new AtomicFileWriter(out);
    const line = 'l'.repeat(1023) + '\n';
    const hash = createHash('sha256');
    for (let i = 0; i < 80 * 1024; i++) {
      writer.write(line);
      hash.update(line);
      // Let background fdatasync callbacks run, as an export's event-loop yields do.
      if (i % 8192 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const written = writer.commit();
    expect(written.bytes).toBe(80 * 1024 * 1024);
    expect(written.sha256).toBe(hash.digest('hex'));
    expect(fs.statSync(out).size).toBe(80 * 1024 * 1024);
    fs.rmSync(out);
  });

  it('leaves nothing behind when aborted', () => {
    const out = path.join(dir, 'aborted.txt');
    const writer = new AtomicFileWriter(out);
    writer.write('z'.repeat(5_000_000));
    writer.abort();
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('.partial'))).toEqual([]);
  });
});
