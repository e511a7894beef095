// ledger notes STORE …: the auditor's case notes on a store's events and states, kept by the
// viewer (never in the store) and keyed by the store's lasting identity.
import fs from 'node:fs';
import path from 'node:path';
import type { CaseNote } from '../../shared/evidence.ts';
import { storeKeyOf } from '../../main/evidence/storeKey.ts';
import { chainHeadOf } from '../../main/activity/storeFacts.ts';
import { describeTarget } from '../../main/notes/caseNotes.ts';
import { findNoteId, resolveNoteTarget, type TargetRequest } from '../../main/notes/noteTargets.ts';
import { integer, parse, required, storePath } from '../args.ts';
import { cliRecords } from '../activity.ts';
import { json, safeText, shortTime, table } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { t } from '../i18n/index.ts';

export const notesHelp = (): string => t('help.notes');

const ACTIONS = ['list', 'add', 'edit', 'remove', 'export'] as const;

function noteRows(notes: CaseNote[]): string {
  return table(
    [t('notes.col.note'), t('notes.col.on'), t('notes.col.author'), t('notes.col.updated'), t('notes.col.text')],
    notes.map((n) => [n.id.slice(0, 8), safeText(describeTarget(n.target)), safeText(n.author), shortTime(n.updatedAt), safeText(n.text)]),
  );
}

export async function notesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    event: { type: 'string' },
    stream: { type: 'string' },
    version: { type: 'string' },
    projection: { type: 'string' },
    text: { type: 'string' },
    out: { type: 'string' },
  });
  const where = storePath(values, positionals);
  const rest = positionals.slice(typeof values.store === 'string' ? 0 : 1);
  const action = (rest[0] ?? 'list') as (typeof ACTIONS)[number];
  if (!ACTIONS.includes(action)) throw new UsageError(t('notes.unknownAction', { action: rest[0], actions: ACTIONS.join(', ') }));
  const { notes } = cliRecords();
  return withStore(where, async (store) => {
    const key = storeKeyOf(store);
    const at = { chainHead: chainHeadOf(store) };
    if (action === 'list') {
      const listing = notes.read(key.key);
      if (values.json) io.stdout(json({ store: key, ...listing }));
      else if (listing.problem) io.stderr(`${t('notes.problem', { problem: listing.problem })}\n`);
      else io.stdout(listing.notes.length ? noteRows(listing.notes) : `${t('notes.none', { store: key.label })}\n`);
      return listing.problem ? 1 : 0;
    }
    if (action === 'add') {
      if ((values.event === undefined) === (values.stream === undefined)) throw new UsageError(t('notes.whatAbout'));
      const request: TargetRequest = values.event !== undefined
        ? { kind: 'event', ref: values.event }
        : { kind: 'state', streamId: values.stream as string, version: required(integer(values.version, 'version', 0), 'version'), projection: values.projection };
      const target = await resolveNoteTarget(store, request);
      const note = notes.add(key, target, required(values.text, 'text'), at);
      io.stdout(values.json ? json(note) : `${t('notes.added', { id: note.id.slice(0, 8), target: safeText(describeTarget(note.target)) })}\n`);
      return 0;
    }
    if (action === 'export') {
      const out = path.resolve(required(values.out, 'out'));
      const text = notes.exportJson(key);
      fs.writeFileSync(out, text);
      const count = (JSON.parse(text) as { notes: unknown[] }).notes.length;
      io.stdout(values.json ? json({ path: out, notes: count }) : `${t('notes.wrote', { count, path: out })}\n`);
      return 0;
    }
    const typed = rest[1];
    if (!typed) throw new UsageError(t('notes.whichNote', { action }));
    const id = findNoteId(notes.list(key.key).map((n) => n.id), typed);
    if (action === 'edit') {
      const note = notes.edit(key, id, required(values.text, 'text'), at);
      io.stdout(values.json ? json(note) : `${t('notes.changed', { id: note.id.slice(0, 8) })}\n`);
      return 0;
    }
    const removed = notes.remove(key, id, at);
    io.stdout(values.json ? json(removed) : `${t('notes.removed', { id: removed.id.slice(0, 8), target: safeText(describeTarget(removed.target)) })}\n`);
    return 0;
  });
}
