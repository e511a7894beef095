// Journey: case notes — mark an event with a note from its detail, see the mark in the stream's
// list, find the note in the Notes panel and follow its link back, note a state at a version, and
// find both in the Activity panel beside the store's opening, with the log's chain intact. The
// notes live in the viewer's folder (LEDGER_HOME), never in the store.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ActivityPage } from './pages/ActivityPage.ts';
import { NotesPage } from './pages/NotesPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { AppShell, links } from './pages/AppShell.ts';

const STREAM = 'cart-000001';
const NOTE = 'refund issued twice here';

test('a note on an event is marked, listed in the Notes panel and recorded in the activity log', async ({ ledger }) => {
  const storeBytes = fs.readFileSync(ledger.storeFile);
  const stream = new StreamPage(ledger.page);
  const notes = new NotesPage(ledger.page);
  await stream.open(STREAM, 2);
  await stream.expectSelected(2);
  await expect(stream.row(2).getByTestId('note-mark')).toHaveCount(0);

  await notes.addNote(NOTE, stream.detail);
  await expect(stream.detail.getByTestId('note-mark')).toHaveAttribute('data-count', '1');
  await expect(stream.row(2).getByTestId('note-mark')).toBeVisible();
  await expect(stream.row(3).getByTestId('note-mark')).toHaveCount(0);
  await ledger.screenshot('case-notes-event');

  // A state at a version can be noted too.
  await new AppShell(ledger.page).goto(links.state(STREAM, 3));
  await expect(ledger.page.getByTestId('state-version')).toHaveText('3');
  await notes.addNote('total looks wrong from here', ledger.page.getByTestId('state-view'));
  await expect(ledger.page.getByTestId('state-heading').getByTestId('note-mark')).toHaveAttribute('data-count', '1');
  await ledger.screenshot('case-notes-state');

  await notes.open();
  await expect(notes.rows).toHaveCount(2);
  await expect(notes.row(NOTE)).toContainText(`${STREAM} v2`);
  await ledger.screenshot('case-notes-panel');
  await notes.row(NOTE).getByTestId('note-target-link').click();
  await stream.expectSelected(2);

  const activity = new ActivityPage(ledger.page);
  await activity.open();
  await expect(activity.verdict).toHaveAttribute('data-ok', 'true');
  await expect(activity.entry('note.added')).toHaveCount(2);
  await expect(activity.entry('note.added').first()).toContainText('total looks wrong from here');
  await expect(activity.entry('store.opened')).toHaveCount(1);
  // Newest first: the last note is on top, the opening at the bottom.
  await expect(activity.entries.first()).toHaveAttribute('data-action', 'note.added');
  await expect(activity.entries.last()).toHaveAttribute('data-action', 'store.opened');
  await ledger.screenshot('case-notes-activity');

  // Kept by the viewer under LEDGER_HOME; the store file is unchanged.
  const home = path.join(ledger.home, 'ledger-home');
  expect(fs.readFileSync(path.join(home, 'activity.jsonl'), 'utf8')).toContain(NOTE);
  expect(fs.readdirSync(path.join(home, 'notes')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  expect(fs.readFileSync(ledger.storeFile).equals(storeBytes)).toBe(true);
  await new AppShell(ledger.page).expectNoCrash();
});
