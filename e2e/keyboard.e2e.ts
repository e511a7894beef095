// Journeys by keyboard alone (issue 15): no click, no mouse, only page.keyboard. Find a stream, open
// an event, reach its state in a few Tabs (each table is one Tab stop), diff two versions, use the
// plot, export. And every shortcut the `?` overlay lists, tried where it says it works.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SHORTCUTS, type ShortcutName } from '../src/renderer/src/app/shortcutList.ts';
import { expect, test } from './fixtures.ts';
import { links } from './pages/AppShell.ts';
import { KeyboardPage } from './pages/KeyboardPage.ts';
import { NotesPage } from './pages/NotesPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { streamVersion, withStore } from './support/store.ts';

const hash = (page: Page) => page.evaluate(() => window.location.hash);
const ids = (page: Page, testId: string, attribute: string) => page.getByTestId(testId).evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a) ?? ''), attribute);

test('keyboard only: find a stream, open an event, its state, then diff two versions', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  // The first Tab stop is "Skip to content"; it lands in the screen, past the header.
  await keys.skipToContent();
  // A new screen starts with focus in it (the next Tab is the screen's, not the header's).
  await keys.press('g', 's');
  await expect(page.getByTestId('streams-screen')).toBeVisible();
  await expect(page.getByTestId('stream-row').first()).toBeVisible();
  await expect(keys.main).toBeFocused();
  await keys.press('/');
  await expect(page.getByTestId('streams-search')).toBeFocused();
  await keys.type('cart-00001');
  await expect.poll(() => hash(page)).toContain('q=cart-00001');
  await expect.poll(async () => (await ids(page, 'stream-row', 'data-stream-id')).every((id) => id.includes('cart-00001'))).toBe(true);
  const found = await ids(page, 'stream-row', 'data-stream-id');
  expect(found.length).toBeGreaterThan(3);

  // ↓ from the field goes into the list: one Tab stop, the rows moved through with keys.
  const streams = keys.grid('Streams');
  await keys.press('ArrowDown');
  await keys.expectActive(streams, 'data-stream-id', found[0]);
  await keys.press('ArrowDown', 'ArrowDown');
  await keys.expectActive(streams, 'data-stream-id', found[2]);
  await keys.press('End');
  await keys.expectActive(streams, 'data-stream-id', found[found.length - 1]);
  await keys.press('Home', 'ArrowDown');
  await keys.expectActive(streams, 'data-stream-id', found[1]);
  // Tab leaves the list at once (the rows are not Tab stops), Shift+Tab comes back to it.
  await keys.press('Tab');
  expect(await streams.evaluate((g) => g.contains(document.activeElement))).toBe(false);
  await keys.press('Shift+Tab');
  await keys.expectActive(streams, 'data-stream-id', found[1]);
  await keys.press('Enter');
  const streamId = found[1];
  await expect(page.getByTestId('stream-frame')).toHaveAttribute('data-stream-id', streamId);
  const last = streamVersion(ledger.storeFile, streamId);
  expect(last).toBeGreaterThan(3);

  // The events: a few Tabs from the new screen, then keys; the URL follows the selection.
  const events = keys.grid('Events');
  const toEvents = await keys.tabInto(events, 15);
  expect(toEvents).toBeLessThanOrEqual(15);
  // Landing on the list chooses its first event (selection follows focus).
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, 1));
  await keys.expectActive(events, 'data-version', '1');
  await keys.press('ArrowDown', 'ArrowDown');
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, 3));
  await keys.expectActive(events, 'data-version', '3');
  await keys.press('End');
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, last));
  await keys.press('Home');
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, 1));
  await keys.press('ArrowDown', 'ArrowDown');
  await keys.expectActive(events, 'data-version', '3');
  await expect(page.getByTestId('event-state-link')).toBeVisible();

  // "State after this event" is a few Tabs past the list, not one per row (it was 105).
  const toState = await keys.tabTo(page.getByTestId('event-state-link'), 8);
  expect(toState).toBeLessThanOrEqual(8);
  // Back to the list; Enter there opens the state after the selected event.
  await keys.tabInto(events, 8, true);
  await keys.expectActive(events, 'data-version', '3');
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(links.state(streamId, 3));
  await expect(page.getByTestId('state-event')).toBeVisible();

  // Diff two versions: the picker's first field is `/`, then Tab, Enter compares.
  await keys.press('g', 's');
  await expect(page.getByTestId('streams-screen')).toBeVisible();
  await page.keyboard.press('Escape');
  // (Straight to the diff screen of the same stream through its tab, by keyboard.)
  await keys.press('/');
  await keys.type(streamId);
  await expect.poll(async () => (await ids(page, 'stream-row', 'data-stream-id'))[0]).toBe(streamId);
  await keys.press('Enter');
  await expect(page.getByTestId('stream-frame')).toHaveAttribute('data-stream-id', streamId);
  await keys.tabTo(page.getByTestId('tab-diff'), 15);
  await keys.press('Enter');
  await expect(page.getByTestId('diff-picker')).toBeVisible();
  await keys.tabTo(page.getByTestId('diff-from'), 25);
  await keys.press('Control+A');
  await keys.type('1');
  await keys.tabTo(page.getByTestId('diff-to'), 5);
  await keys.press('Control+A');
  await keys.type(String(last));
  await keys.press('Enter');
  await expect(page.getByTestId('diff-view')).toHaveAttribute('data-from', '1');
  await expect(page.getByTestId('diff-view')).toHaveAttribute('data-to', String(last));
  const changes = page.getByTestId('diff-change');
  await expect(changes.first()).toBeVisible();
  const count = await changes.count();
  expect(count).toBeGreaterThan(2);

  // The change list is one Tab stop too: ↓/End/Home move between changes, Enter opens the event.
  await keys.tabTo(changes.first(), 25);
  await keys.press('ArrowDown');
  await expect(changes.nth(1)).toBeFocused();
  await keys.press('End');
  await expect(changes.nth(count - 1)).toBeFocused();
  await keys.press('Home', 'ArrowDown');
  await expect(changes.nth(1)).toBeFocused();
  const version = await changes.nth(1).getByTestId('diff-event-link').getAttribute('data-version');
  // The chosen change's own link is the next Tab stop; the other changes' links are not.
  await keys.press('Tab');
  await expect(changes.nth(1).getByTestId('diff-event-link')).toBeFocused();
  await keys.press('Shift+Tab');
  await expect(changes.nth(1)).toBeFocused();
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, Number(version)));
  await ledger.screenshot('keyboard-journey');
});

test('keyboard only: the timeline plot zooms, pans and reads as a table; a row opens; the log exports', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  await keys.press('g', 't');
  await expect(page.getByTestId('timeline-screen')).toBeVisible();
  await expect(page.getByTestId('timeline-total')).toBeVisible();
  const total = Number(((await page.getByTestId('timeline-total').textContent()) ?? '').replace(/\D/g, ''));
  await expect(keys.main).toBeFocused();

  // The plot: one Tab stop with an accessible name and a visible focus ring.
  await keys.tabTo(keys.plot, 25);
  await expect(keys.plot).toHaveAccessibleName(/Events over time/);
  expect(await keys.plot.evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');
  await keys.press('ArrowRight');
  await expect(page.getByTestId('plot-tooltip')).toBeVisible();
  await expect(keys.plotStatus).toContainText('events');
  await keys.press('Shift+ArrowRight', 'Shift+ArrowRight');
  await expect(keys.plotStatus).toContainText('in 3 bars');
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toMatch(/from=.*to=/);
  const narrowed = await hash(page);
  await keys.tabTo(keys.plot, 30);
  await keys.press('PageDown');
  await expect.poll(() => hash(page)).not.toBe(narrowed);
  await keys.tabTo(keys.plot, 30);
  await keys.press('Home');
  await expect.poll(() => hash(page)).not.toMatch(/from=/);
  await expect(page.getByTestId('timeline-total')).toHaveText(/\d/);
  await keys.tabTo(keys.plot, 30);
  await keys.press('+');
  await expect.poll(() => hash(page)).toMatch(/from=.*to=/);
  await keys.tabTo(keys.plot, 30);
  await keys.press('Home');
  await expect.poll(() => hash(page)).not.toMatch(/from=/);

  // Its counts as a table, on demand: the same total as the plot.
  await keys.tabTo(keys.plotTableToggle, 40);
  await expect(keys.plotTableToggle).toHaveAttribute('aria-expanded', 'false');
  await keys.press('Enter');
  await expect(keys.plotTable).toBeVisible();
  const sum = await keys.plotTable.locator('tbody tr').evaluateAll((rows) => rows.reduce((s, r) => s + Number((r.children[1]?.textContent ?? '0').replace(/\D/g, '')), 0));
  expect(sum).toBe(total);
  await keys.press('Enter');
  await expect(keys.plotTable).toBeHidden();

  // The log: one Tab stop; ↓ selects the first event, Enter opens it in its stream at its version.
  const log = keys.grid('Global event log');
  await keys.tabInto(log, 30);
  await keys.expectActive(log, 'data-position', (await page.getByTestId('timeline-row').first().getAttribute('data-position')) ?? '');
  await keys.press('PageDown');
  const row = keys.activeRow(log);
  const position = await row.getAttribute('data-position');
  expect(Number(position)).toBeGreaterThan(1);
  await expect(page.getByTestId('event-state-link')).toBeVisible();
  const event = await page.evaluate(async (p) => {
    const rows = Array.from(document.querySelectorAll('[data-testid="timeline-row"]'));
    const r = rows.find((x) => x.getAttribute('data-position') === p);
    return r ? Array.from(r.querySelectorAll('[role="gridcell"]')).map((c) => c.textContent ?? '') : [];
  }, position);
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(links.stream(event[2], Number(event[3].replace(/\D/g, ''))));

  // Export the global log, from the keyboard: Tab to the button, Enter, Tab to Start, Enter.
  await keys.press('g', 't');
  await expect(page.getByTestId('timeline-total')).toBeVisible();
  await keys.tabTo(page.getByTestId('timeline-export'), 40);
  await keys.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await keys.tabTo(page.getByTestId('export-start'), 30);
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-kb-export-')), 'log.ndjson');
  if (ledger.electron) {
    await ledger.electron.evaluate(({ dialog: d }, file) => {
      d.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof d.showSaveDialog;
    }, target);
    await keys.press('Enter');
  } else {
    const download = page.waitForEvent('download');
    await keys.press('Enter');
    await (await download).saveAs(target);
  }
  await expect(dialog.getByTestId('export-status')).toHaveText('succeeded');
  const lines = fs.readFileSync(target, 'utf8').split('\n').filter((l) => l !== '');
  expect(lines.length).toBe(total);
  await keys.press('Escape');
  await expect(dialog).toBeHidden();
});

test('every shortcut the ? overlay lists works where it says', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  const go = async (where: string, ready: string) => {
    await page.keyboard.press('g');
    await page.keyboard.press(where);
    await expect(page.getByTestId(ready)).toBeVisible();
  };

  // One walk per listed shortcut: the Record type makes a new entry in SHORTCUTS fail to compile here
  // until it has one, and the overlay is checked to list exactly these.
  const walks: Record<ShortcutName, () => Promise<void>> = {
    search: async () => {
      await go('s', 'streams-screen');
      await keys.press('/');
      await expect(page.getByTestId('streams-search')).toBeFocused();
      await keys.press('Escape');
      // Elsewhere: the search box in the header.
      for (const [where, ready] of [['t', 'timeline-screen'], ['i', 'verify-screen']]) {
        await go(where, ready);
        await keys.press('/');
        await expect(page.getByTestId('header-search')).toBeFocused();
        await keys.press('Escape');
        await expect(page.getByTestId('header-search')).not.toBeFocused();
      }
    },
    rows: async () => {
      await go('t', 'timeline-screen');
      await expect(page.getByTestId('timeline-row').first()).toBeVisible();
      await keys.press('j', 'j');
      await expect(page.locator('[data-testid="timeline-row"][aria-selected="true"]')).toHaveAttribute('data-position', (await page.getByTestId('timeline-row').nth(1).getAttribute('data-position')) ?? '');
      await keys.press('k');
      await expect(page.locator('[data-testid="timeline-row"][aria-selected="true"]')).toHaveAttribute('data-position', (await page.getByTestId('timeline-row').nth(0).getAttribute('data-position')) ?? '');
    },
    table: async () => {
      await go('s', 'streams-screen');
      const grid = keys.grid('Streams');
      await keys.tabInto(grid, 30);
      const rows = await ids(page, 'stream-row', 'data-stream-id');
      await keys.press('Home', 'ArrowDown');
      await keys.expectActive(grid, 'data-stream-id', rows[1]);
      await keys.press('ArrowUp');
      await keys.expectActive(grid, 'data-stream-id', rows[0]);
      await keys.press('PageDown');
      await expect(keys.activeRow(grid)).not.toHaveAttribute('data-stream-id', rows[0]);
      await keys.press('PageUp');
      await keys.expectActive(grid, 'data-stream-id', rows[0]);
      // End in a virtualized list: the last loaded row, scrolled into view and announced.
      await keys.press('End');
      await expect(keys.activeRow(grid)).toBeFocused();
      await expect(keys.activeRow(grid)).toBeInViewport();
    },
    open: async () => {
      // Streams: the stream.
      await go('s', 'streams-screen');
      const grid = keys.grid('Streams');
      await keys.tabInto(grid, 30);
      await keys.press('Home');
      // (The list may still be scrolled from the step before: the row Home chose, once in view.)
      await expect(keys.activeRow(grid)).toBeFocused();
      await expect(keys.activeRow(grid)).toBeInViewport();
      await expect(page.getByTestId('streams-list')).toHaveJSProperty('scrollTop', 0);
      const first = (await keys.activeRow(grid).getAttribute('data-stream-id')) ?? '';
      expect(first).toBe((await ids(page, 'stream-row', 'data-stream-id'))[0]);
      await keys.press('Enter');
      await expect(page.getByTestId('stream-frame')).toHaveAttribute('data-stream-id', first);
      // A stream's events: the state after the event.
      await keys.tabInto(keys.grid('Events'), 20);
      await keys.press('Enter');
      await expect.poll(() => hash(page)).toBe(links.state(first, 1));
      // The timeline (where Enter used to do nothing), from the page itself after j: the event in its stream.
      await go('t', 'timeline-screen');
      await expect(page.getByTestId('timeline-row').first()).toBeVisible();
      await keys.press('j');
      const cells = await page.getByTestId('timeline-row').first().locator('[role="gridcell"]').allTextContents();
      await keys.press('Enter');
      await expect.poll(() => hash(page)).toBe(links.stream(cells[2], Number(cells[3].replace(/\D/g, ''))));
    },
    plot: async () => {
      await go('t', 'timeline-screen');
      await keys.tabTo(keys.plot, 30);
      await keys.press('ArrowLeft');
      await expect(keys.plot).toHaveAttribute('data-cursor', /\d+/);
      await keys.press('+');
      await expect.poll(() => hash(page)).toMatch(/from=/);
      await keys.tabTo(keys.plot, 30);
      await keys.press('-');
      const wider = await hash(page);
      expect(wider).toMatch(/from=/);
      await keys.tabTo(keys.plot, 30);
      await keys.press('Home');
      await expect.poll(() => hash(page)).not.toMatch(/from=/);
    },
    slider: async () => {
      await page.evaluate((h) => (window.location.hash = h), links.state('cart-000001', 2));
      const slider = page.getByTestId('state-slider');
      await expect(slider).toBeVisible();
      await keys.tabTo(slider, 30);
      await keys.press('ArrowRight');
      await expect.poll(() => hash(page)).toBe(links.state('cart-000001', 3));
      await keys.press('Home');
      await expect.poll(() => hash(page)).toBe(links.state('cart-000001', 0));
    },
    versions: async () => {
      await page.evaluate((h) => (window.location.hash = h), links.state('cart-000001', 2));
      await expect(page.getByTestId('state-slider')).toBeVisible();
      await keys.press('Escape');
      await keys.press(']');
      await expect.poll(() => hash(page)).toBe(links.state('cart-000001', 3));
      await keys.press('[', '[');
      await expect.poll(() => hash(page)).toBe(links.state('cart-000001', 1));
    },
    goto: async () => {
      await go('s', 'streams-screen');
      await go('t', 'timeline-screen');
      await go('i', 'verify-screen');
      await go('h', 'start-screen');
    },
    skip: async () => {
      await go('t', 'timeline-screen');
      await page.reload();
      await expect(page.getByTestId('timeline-screen')).toBeVisible();
      await keys.skipToContent();
      // The next Tab is in the screen, not the header.
      await keys.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    },
    escape: async () => {
      await go('s', 'streams-screen');
      await keys.press('/');
      await expect(page.getByTestId('streams-search')).toBeFocused();
      await keys.press('Escape');
      await expect(page.getByTestId('streams-search')).not.toBeFocused();
      await keys.press('?');
      await expect(keys.help).toBeVisible();
      await keys.press('Escape');
      await expect(keys.help).toBeHidden();
    },
    help: async () => {
      await keys.press('?');
      await expect(keys.help).toBeVisible();
      const listed = await keys.help.locator('[data-shortcut]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shortcut')));
      expect(listed).toEqual([...SHORTCUTS]);
      await keys.press('Enter');
      await expect(keys.help).toBeHidden();
    },
  };
  expect(Object.keys(walks).sort()).toEqual([...SHORTCUTS].sort());
  for (const name of SHORTCUTS) {
    await test.step(`shortcut: ${name}`, walks[name]);
  }
});

// axe's rules for what this issue changed: grid/row/cell roles, the attributes they allow, no
// interactive element inside another, and scrolling lists reachable by keyboard (their rows used
// to be the Tab stops; now the active row is, or the list itself while that row is scrolled away).
const KEYBOARD_RULES = ['aria-required-children', 'aria-required-parent', 'aria-allowed-attr', 'aria-allowed-role', 'aria-valid-attr-value', 'aria-prohibited-attr', 'nested-interactive', 'scrollable-region-focusable'];

test('the one-Tab-stop tables, lists and the plot pass axe\'s ARIA and keyboard rules', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  const screens: [string, string][] = [
    ['#/streams', 'stream-row'],
    [links.stream('cart-000001', 2), 'event-row'],
    ['#/timeline', 'timeline-row'],
    ['#/search?q=type%3AItemAdded', 'search-row'],
    [links.diff('cart-000001', 1, 6), 'diff-change'],
    ['#/activity', 'activity-entry'],
    ['#/verify', 'verify-screen'],
  ];
  for (const [where, ready] of screens) {
    await page.evaluate((h) => (window.location.hash = h), where);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    if (where === '#/timeline') {
      await keys.tabTo(keys.plotTableToggle, 40);
      await keys.press('Enter');
      await expect(keys.plotTable).toBeVisible();
    }
    const { violations } = await new AxeBuilder({ page }).withRules(KEYBOARD_RULES).analyze();
    expect(violations.map((v) => `${where} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  // A virtualized list scrolled away from its active row: the list itself is the Tab stop then.
  await page.evaluate((h) => (window.location.hash = h), '#/timeline');
  const log = keys.grid('Global event log');
  await keys.tabInto(log, 40);
  await page.keyboard.press('End');
  await expect(keys.activeRow(log)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(keys.activeRow(log)).toBeFocused();
  // (Scrolled as a wheel would: the focused row leaves the document, focus stays in the list.)
  const list = page.getByTestId('timeline-list');
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(list).toHaveAttribute('tabindex', '0');
  await expect(list).toBeFocused();
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  const { violations } = await new AxeBuilder({ page }).withRules(KEYBOARD_RULES).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  // Tab away and back onto the list: its active row scrolls back into view and takes focus.
  await keys.press('Tab');
  await expect(list).not.toBeFocused();
  await keys.press('Shift+Tab');
  await expect(keys.activeRow(log)).toBeFocused();
  await expect(keys.activeRow(log)).toBeInViewport();
});

test('short lists are one Tab stop too: the what-if events to leave out, the related events', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  const streamId = 'cart-000001';
  const last = streamVersion(ledger.storeFile, streamId);
  await page.evaluate((h) => (window.location.hash = h), `#/whatif/${encodeURIComponent(streamId)}@${last}`);
  const boxes = page.getByTestId('whatif-skip');
  await expect(boxes.first()).toBeVisible();
  expect(await boxes.count()).toBeGreaterThan(2);
  // One box in the Tab order; ↓/End/Home move between them, Space ticks the focused one.
  expect(await page.locator('[data-testid="whatif-skip"][tabindex="0"]').count()).toBe(1);
  await keys.tabTo(boxes.first(), 40);
  await keys.press('ArrowDown');
  await expect(boxes.nth(1)).toBeFocused();
  await keys.press('Space');
  await expect(boxes.nth(1)).toBeChecked();
  await expect(boxes.first()).not.toBeChecked();
  await keys.press('End');
  await expect(boxes.last()).toBeFocused();
  await keys.press('Home');
  await expect(boxes.first()).toBeFocused();
  // Tab leaves the list at once.
  await keys.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe('whatif-skip');

  // An event's related events: a list of links, one Tab stop, Enter follows the focused one. (An
  // event whose correlation has at least three events: two or more links in that list.)
  const shared = withStore(ledger.storeFile, (db) =>
    db
      .prepare('SELECT stream_id AS streamId, version FROM events WHERE correlation_id IN (SELECT correlation_id FROM events WHERE correlation_id IS NOT NULL GROUP BY correlation_id HAVING count(*) >= 3) ORDER BY position LIMIT 1')
      .get(),
  ) as { streamId: string; version: number };
  await page.evaluate((h) => (window.location.hash = h), links.stream(shared.streamId, shared.version));
  const related = page.getByTestId('related-link');
  await expect(related.nth(1)).toBeVisible();
  // (Each list of links; "Caused by" is one link.)
  const lists = page.locator('[data-testid="related-events"] ul[data-roving-list]');
  for (const l of await lists.all()) expect(await l.locator('[data-testid="related-link"][tabindex="0"]').count()).toBe(1);
  const inList = lists.last().getByTestId('related-link');
  expect(await inList.count()).toBeGreaterThan(1);
  await keys.tabTo(inList.first(), 60);
  await keys.press('ArrowDown');
  await expect(inList.nth(1)).toBeFocused();
  const href = await inList.nth(1).getAttribute('href');
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(href);
});

test('the notes table is one Tab stop; the chosen note\'s Edit and Remove join the Tab order', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  const notes = new NotesPage(page);
  // (Two notes to list, added through the event detail as case-notes.e2e does.)
  const stream = new StreamPage(page);
  await stream.open('cart-000001', 2);
  await notes.addNote('first note', stream.detail);
  await stream.open('cart-000001', 3);
  await notes.addNote('second note', stream.detail);
  await page.evaluate((h) => (window.location.hash = h), '#/notes');
  await expect(notes.rows).toHaveCount(2);

  const grid = keys.grid('Case notes');
  const edit = (i: number) => notes.rows.nth(i).getByTestId('note-edit');
  await keys.tabInto(grid, 30);
  await expect(notes.rows.nth(0)).toBeFocused();
  // The first note's own controls are in the Tab order, the second's are not.
  await expect(edit(0)).not.toHaveAttribute('tabindex', '-1');
  await expect(edit(1)).toHaveAttribute('tabindex', '-1');
  await keys.press('ArrowDown');
  await expect(notes.rows.nth(1)).toBeFocused();
  await expect(edit(1)).not.toHaveAttribute('tabindex', '-1');
  await expect(edit(0)).toHaveAttribute('tabindex', '-1');
  // Tab goes through the chosen note's link and buttons, then out of the table.
  await keys.tabTo(edit(1), 3);
  await keys.press('Enter');
  await expect(notes.rows.nth(1).getByTestId('note-text')).toBeFocused();
  await keys.press('Escape');
  // Enter on the row follows its link: the event the note marks.
  await keys.tabInto(grid, 10, true);
  await keys.tabTo(notes.rows.nth(1), 5, true);
  const href = await notes.rows.nth(1).getByTestId('note-target-link').getAttribute('href');
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(href);
});

test('the state tree and an event\'s data are one Tab stop each: arrows move, → / ← open and close, Enter opens the blamed event', async ({ ledger }) => {
  const { page } = ledger;
  const keys = new KeyboardPage(page);
  await expect(page.getByTestId('app')).toBeVisible();
  const streamId = 'cart-000001';
  const last = streamVersion(ledger.storeFile, streamId);
  await page.evaluate((h) => (window.location.hash = h), links.state(streamId, last));
  const tree = page.getByTestId('state-tree');
  const items = tree.locator('[role="treeitem"]');
  await expect(items.nth(2)).toBeVisible();
  expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
  await keys.tabTo(items.first(), 40);
  await keys.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await keys.press('End');
  await expect(items.last()).toBeFocused();
  await keys.press('Home');
  await expect(items.first()).toBeFocused();
  // Only the focused item's own controls are Tab stops; the rest of the tree is skipped.
  const controls = await tree.evaluate((t) => Array.from(t.querySelectorAll('a[href], button')).filter((c) => c.getAttribute('tabindex') !== '-1').map((c) => c.closest('[role="treeitem"]') === document.activeElement));
  expect(controls.every(Boolean)).toBe(true);

  // A container: ← closes it, → opens it again, → once more goes to its first child.
  const containers = tree.locator('[data-testid="state-container"]');
  await expect(containers.first()).toBeVisible();
  const open = await containers.evaluateAll((cs) => cs.findIndex((c) => c.getAttribute('aria-expanded') === 'true'));
  expect(open).toBeGreaterThanOrEqual(0);
  const container = containers.nth(open);
  {
    for (let i = 0; i < 60 && !(await keys.isFocused(container)); i++) await keys.press('ArrowDown');
    await expect(container).toBeFocused();
    await keys.press('ArrowLeft');
    await expect(container).toHaveAttribute('aria-expanded', 'false');
    await keys.press('ArrowRight');
    await expect(container).toHaveAttribute('aria-expanded', 'true');
    await keys.press('ArrowRight');
    const child = container.locator('[role="treeitem"]').first();
    await expect(child).toBeFocused();
    // ← on the child: an open child closes first, then ← goes up to the parent.
    if ((await child.getAttribute('aria-expanded')) === 'true') {
      await keys.press('ArrowLeft');
      await expect(child).toHaveAttribute('aria-expanded', 'false');
    }
    await keys.press('ArrowLeft');
    await expect(container).toBeFocused();
  }

  // Enter on a field: the event that set it, in its stream.
  const field = tree.locator('[data-testid="state-field"]').first();
  await keys.press('Home');
  for (let i = 0; i < 60 && !(await keys.isFocused(field)); i++) await keys.press('ArrowDown');
  await expect(field).toBeFocused();
  const version = await field.getByTestId('blame-link').getAttribute('data-version');
  await keys.press('Enter');
  await expect.poll(() => hash(page)).toBe(links.stream(streamId, Number(version)));

  // The event's data tree (JsonTree): one Tab stop as well.
  const data = page.getByTestId('event-data');
  await expect(data).toBeVisible();
  const dataItems = data.locator('[role="treeitem"]');
  expect(await data.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
  await keys.tabTo(dataItems.first(), 60);
  await keys.press('ArrowDown');
  await expect(dataItems.nth(1)).toBeFocused();
});
