// Journey: every screen and panel of the app (e2e/pages/Screens.ts) checked with axe-core against
// WCAG 2.0/2.1/2.2 A and AA. Serious and critical violations fail, each named by screen, rule,
// element and the rule's help, so the message says what to fix without opening a report.
import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { expect, test } from './fixtures.ts';
import { Screens } from './pages/Screens.ts';

// WCAG 2.2 AA includes target size (2.5.8): tree rows, their toggles and blame links, checkboxes and
// the header's small buttons are 24 px targets (or have 24 px to themselves).
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function describe(violation: Result): string[] {
  return violation.nodes.slice(0, 5).map((node) => `${violation.impact} ${violation.id}: ${node.target.join(' ')} — ${violation.help} (${node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''})`);
}

test('every screen and panel: no serious or critical accessibility violations (WCAG 2.x A/AA)', async ({ ledger }) => {
  const screens = new Screens(ledger.page);
  test.setTimeout(screens.all.length * 15_000);
  for (const screen of screens.all) {
    await test.step(screen.name, async () => {
      await screen.open();
      let builder = new AxeBuilder({ page: ledger.page }).withTags(WCAG_TAGS);
      if (screen.scope) builder = builder.include(screen.scope);
      const { violations } = await builder.analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap(describe);
      expect.soft(serious, `axe on the ${screen.name} screen:\n  ${serious.join('\n  ')}`).toEqual([]);
      await screen.close?.();
    });
  }
});
