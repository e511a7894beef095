// One file of a projections folder: read it (size-checked), hash its bytes and hand the text to
// the loader of its kind. Never throws: whatever goes wrong becomes the file's load error, so one
// bad file cannot keep the others from loading.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ProjectionFailure, ProjectionModuleInfo } from '../../shared/projections.ts';
import { loadDeclarativeProjection } from './declarative/loadDeclarative.ts';
import { loadSandboxedModule } from './sandbox/sandboxedProjection.ts';
import type { LoadedProjection, SandboxLimits } from './types.ts';

/** A projection is code or rules a person wrote; anything bigger is a bundle or a mistake. */
export const MAX_PROJECTION_FILE_BYTES = 1024 * 1024;

type Maybe<T> = T | Promise<T>;

/** What turns a file's text into a projection; tests pass fakes, the app the real ones. */
export interface ProjectionLoaders {
  module(file: string, source: string, limits: SandboxLimits): Maybe<LoadedProjection>;
  declarative(file: string, text: string): Maybe<LoadedProjection>;
}

export const DEFAULT_LOADERS: ProjectionLoaders = { module: loadSandboxedModule, declarative: loadDeclarativeProjection };

/** sha256 of the bytes, first 12 hex digits (ProjectionOrigin.contentHash). */
export function contentHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

export function failedLoad(file: string, kind: 'module' | 'declarative', failure: ProjectionFailure, contentHash: string | null = null): LoadedProjection {
  return {
    info: { file, kind, name: null, version: null, description: null, appliesTo: null, contentHash, error: failure, loadedAt: new Date().toISOString() },
    projection: null,
  };
}

/** A file's text and the hash of its bytes, or why it could not be read (as a load error). */
export type ReadFile = { ok: true; text: string; contentHash: string } | { ok: false; loaded: LoadedProjection };

export async function readProjectionFile(folder: string, file: string, kind: 'module' | 'declarative'): Promise<ReadFile> {
  const full = path.join(folder, file);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(full);
    if (!stat.isFile()) return { ok: false, loaded: failedLoad(file, kind, { kind: 'crashed', message: 'This is a folder or a device, not a file.', file }) };
    if (stat.size > MAX_PROJECTION_FILE_BYTES) return { ok: false, loaded: failedLoad(file, kind, tooBig(file, stat.size)) };
    bytes = await fs.readFile(full);
  } catch (error) {
    return { ok: false, loaded: failedLoad(file, kind, { kind: 'crashed', message: `The file cannot be read: ${reason(error)}.`, file }) };
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_PROJECTION_FILE_BYTES) return { ok: false, loaded: failedLoad(file, kind, tooBig(file, bytes.length)) };
  // A BOM is an editor's artefact, not source: the loaders see the text as written.
  return { ok: true, text: bytes.toString('utf8').replace(/^\uFEFF/, ''), contentHash: contentHashOf(bytes) };
}

/** Hands the text to the loader of its kind. Never throws. */
export async function loadProjectionText(
  file: string,
  kind: 'module' | 'declarative',
  read: { text: string; contentHash: string },
  loaders: ProjectionLoaders,
  limits: SandboxLimits,
): Promise<LoadedProjection> {
  let loaded: LoadedProjection;
  try {
    loaded = kind === 'module' ? await loaders.module(file, read.text, limits) : await loaders.declarative(file, read.text);
  } catch (error) {
    // Loaders report bad files in info.error; a throw is their own bug, still only this file's problem.
    loaded = failedLoad(file, kind, { kind: 'crashed', message: `The file could not be loaded: ${reason(error)}`, file }, read.contentHash);
  }
  return normalised(loaded, file, kind, read.contentHash);
}

/** The catalog's facts win over what a loader filled in: the folder knows the file's name and bytes. */
function normalised(loaded: LoadedProjection, file: string, kind: 'module' | 'declarative', contentHash: string): LoadedProjection {
  const info: ProjectionModuleInfo = { ...loaded.info, file, kind, contentHash: loaded.info.contentHash ?? contentHash };
  if (!loaded.projection && !info.error) info.error = { kind: 'crashed', message: 'The file did not give a projection.', file };
  if (info.error && loaded.projection) void Promise.resolve(loaded.projection.dispose?.()).catch(() => undefined);
  return { info, projection: info.error ? null : loaded.projection };
}

function tooBig(file: string, size: number): ProjectionFailure {
  return { kind: 'crashed', message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB; a projection file may be at most 1 MB.`, file };
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
