// Writes an export file atomically: into `<target>.partial`, renamed into place only on success,
// removed on failure or cancel, so a half-written export never looks like a complete one.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors.ts';

const FLUSH_AT = 1 << 20; // 1 MiB of pending text per write call

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export class AtomicFileWriter {
  private readonly target: string;
  private readonly partial: string;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private pending = '';
  private bytes = 0;
  private done = false;

  constructor(target: string) {
    this.target = path.resolve(target);
    this.partial = `${this.target}.partial`;
    try {
      fs.mkdirSync(path.dirname(this.target), { recursive: true });
      this.fd = fs.openSync(this.partial, 'w');
    } catch (error) {
      throw new LedgerError('IO_ERROR', `Cannot write ${this.target}: ${(error as Error).message}`, { path: this.target });
    }
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (!this.pending) return;
    const buffer = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.hash.update(buffer);
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset);
    this.bytes += buffer.length;
  }

  commit(): WrittenFile {
    try {
      this.flush();
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      fs.renameSync(this.partial, this.target);
    } catch (error) {
      this.abort();
      throw new LedgerError('IO_ERROR', `Cannot write ${this.target}: ${(error as Error).message}`, { path: this.target });
    }
    this.done = true;
    return { path: this.target, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.partial, { force: true });
  }
}

/** Writes a whole small document atomically (state and diff exports). */
export function writeFileAtomically(target: string, text: string): WrittenFile {
  const writer = new AtomicFileWriter(target);
  writer.write(text);
  return writer.commit();
}
