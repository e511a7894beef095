// A *.projection.json file → the engine's Projection and the panel's facts. No code of the file
// runs: its rules are data, applied in process and synchronously, so no sandbox is needed; what
// must hold instead is that no file and no event can crash the viewer, hang it, or reach another
// object (size and count limits, prototype keys refused, every state a fresh immutable value).
//
// Loading never throws: a bad file is a LoadedProjection with `projection: null` and info.error
// naming where the problem is (JSON path, or line and column for a syntax error).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ProjectionFailure, ProjectionModuleInfo } from '../../../shared/projections.ts';
import type { ReplayEvent } from '../../store/eventStore.ts';
import type { ChunkOptions, ChunkOutcome, Projection } from '../../replay/projection.ts';
import { CancelledError } from '../../errors.ts';
import type { LoadedProjection } from '../types.ts';
import { applyRules, compileRules, RuleProblem, type CompiledRules } from './compile.ts';
import { declarativeFileSchema, describeIssues, jsonPathText, LIMITS, type DeclarativeFile } from './schema.ts';
import { findJsonSyntaxProblem } from './jsonSyntax.ts';
import { copyJson } from './values.ts';

class LoadProblem extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's messages quote the text and give no position for some mistakes: find our own.
    const found = findJsonSyntaxProblem(text) ?? { offset: 0, message: 'it could not be read' };
    const { line, column } = lineColumn(text, found.offset);
    throw new LoadProblem(`This file is not valid JSON at line ${line}, column ${column}: ${found.message}.`, line, column);
  }
}

/**
 * Depth and "__proto__" keys over the whole document, iteratively: JSON.parse reads any depth,
 * but zod and the rules walk values recursively, so a deep file is refused before them.
 */
function checkStructure(document: unknown): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= LIMITS.maxDepth) throw new LoadProblem(`${jsonPathText(path.slice(0, 6))}…: the file is nested more than ${LIMITS.maxDepth} levels deep.`);
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else
      for (const key of Object.keys(value)) {
        if (key === '__proto__') throw new LoadProblem(`${jsonPathText([...path, key])}: "__proto__" is refused as a key (it would reach JavaScript's object prototype).`);
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
  }
}

function validate(text: string): { file: DeclarativeFile; rules: CompiledRules } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxBytes) throw new LoadProblem(`This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a declarative projection is at most 1 MB.`);
  const document = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new LoadProblem('This file must hold one JSON object with name, version, appliesTo and on.');
  }
  checkStructure(document);
  const parsed = declarativeFileSchema.safeParse(document);
  if (!parsed.success) throw new LoadProblem(`${describeIssues(parsed.error.issues)}.`);
  try {
    return { file: parsed.data, rules: compileRules(parsed.data) };
  } catch (error) {
    if (error instanceof RuleProblem) throw new LoadProblem(`${error.message}.`);
    throw error;
  }
}

function appliesToText(appliesTo: DeclarativeFile['appliesTo']): string {
  const parts: string[] = [];
  if (appliesTo.categories?.length) parts.push(`categories: ${appliesTo.categories.join(', ')}`);
  if (appliesTo.streamPrefixes?.length) parts.push(`stream prefixes: ${appliesTo.streamPrefixes.join(', ')}`);
  if (appliesTo.types?.length) parts.push(`first event types: ${appliesTo.types.join(', ')}`);
  return parts.join('; ');
}

/** How often a long chunk looks at its abort signal (checking per event costs more than the rule). */
const SIGNAL_EVERY = 1024;

function buildProjection(fileName: string, contentHash: string, file: DeclarativeFile, rules: CompiledRules): Projection {
  const categories = new Set(file.appliesTo.categories ?? []);
  const prefixes = file.appliesTo.streamPrefixes ?? [];
  const types = file.appliesTo.types ?? [];
  const listed = Object.keys(file.on).filter((type) => type !== '*');
  // The file's initial state, kept as a private copy: initialState() hands out a fresh copy each time.
  const initial = copyJson(file.initialState === undefined ? {} : file.initialState);
  const handles: Projection['handles'] = Object.hasOwn(file.on, '*') ? 'all' : new Set(listed);

  const evolveOne = (state: unknown, event: ReplayEvent, streamId: string | null): unknown => applyRules(rules, state, { event, streamId });

  const projection: Projection = {
    name: file.name,
    version: file.version,
    description: file.description ?? '',
    ...(file.units ? { units: file.units } : {}),
    appliesTo: (streamId, category) => categories.has(category) || prefixes.some((prefix) => streamId.startsWith(prefix)),
    initialState: () => copyJson(initial),
    handles,
    // Direct calls (history walks) get no stream id: an event carrying one is used, else $streamId fails by name.
    evolve: (state, event) => evolveOne(state, event, typeof (event as { streamId?: unknown }).streamId === 'string' ? (event as unknown as { streamId: string }).streamId : null),
    /**
     * The engine folds through this when present: it is the one way the stream id reaches a rule
     * ($streamId). It runs synchronously in process; the promise only fits the chunk contract.
     */
    evolveChunk(state, events, options: ChunkOptions): Promise<ChunkOutcome> {
      const states: unknown[] | undefined = options.keepStates ? [] : undefined;
      const warnings: { index: number; message: string }[] = [];
      let current = state;
      for (let i = 0; i < events.length; i++) {
        if (i % SIGNAL_EVERY === 0 && options.signal?.aborted) return Promise.reject(new CancelledError('The replay'));
        const event = events[i];
        if (event.decodeError) warnings.push({ index: i, message: `skipped: ${event.decodeError}` });
        else if (handles !== 'all' && !handles.has(event.type)) warnings.push({ index: i, message: `no handler for '${event.type}' in projection ${file.name}; state unchanged` });
        else {
          try {
            current = evolveOne(current, event, options.streamId);
          } catch (error) {
            const outcome: ChunkOutcome = { applied: i, state: current, failure: { kind: 'threw', message: (error as Error).message, file: fileName } };
            if (states) outcome.states = states;
            if (warnings.length) outcome.warnings = warnings;
            return Promise.resolve(outcome);
          }
        }
        states?.push(current);
      }
      const outcome: ChunkOutcome = { applied: events.length, state: current };
      if (states) outcome.states = states;
      if (warnings.length) outcome.warnings = warnings;
      return Promise.resolve(outcome);
    },
    origin: { kind: 'declarative', file: fileName, contentHash },
    cacheKey: contentHash,
    needsMetadata: rules.needsMetadata,
    interruptOnError: true,
  };
  if (types.length > 0) projection.firstEventTypes = new Set(types);
  return projection;
}

/** Loads one declarative projection from its text; never throws. `file` is the absolute path. */
export function loadDeclarativeProjection(file: string, text: string): LoadedProjection {
  const fileName = basename(file);
  const loadedAt = new Date().toISOString();
  const contentHash = contentHashOf(text);
  const info: ProjectionModuleInfo = {
    file: fileName,
    kind: 'declarative',
    name: null,
    version: null,
    description: null,
    appliesTo: null,
    contentHash,
    error: null,
    loadedAt,
  };
  try {
    const { file: spec, rules } = validate(text);
    const projection = buildProjection(fileName, contentHash, spec, rules);
    return {
      info: { ...info, name: spec.name, version: spec.version, description: spec.description ?? '', appliesTo: appliesToText(spec.appliesTo) },
      projection,
    };
  } catch (error) {
    const failure: ProjectionFailure = { kind: 'threw', message: error instanceof Error ? error.message : String(error), file: fileName };
    if (error instanceof LoadProblem) {
      if (error.line !== undefined) failure.line = error.line;
      if (error.column !== undefined) failure.column = error.column;
    } else failure.message = `This file could not be read as a declarative projection: ${failure.message}`;
    return { info: { ...info, error: failure }, projection: null };
  }
}
