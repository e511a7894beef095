// The app from the keyboard only: Tab counting, the skip link, the one-Tab-stop grids (which row
// is active and holds focus), the plot's keys. Nothing here clicks or moves a mouse.
import { expect, type Locator, type Page } from '@playwright/test';

export class KeyboardPage {
  readonly page: Page;
  readonly skipLink: Locator;
  readonly main: Locator;
  readonly plot: Locator;
  readonly plotStatus: Locator;
  readonly plotTable: Locator;
  readonly plotTableToggle: Locator;
  readonly help: Locator;

  constructor(page: Page) {
    this.page = page;
    this.skipLink = page.getByTestId('skip-link');
    this.main = page.locator('main#main-content');
    this.plot = page.getByTestId('plot-keys');
    this.plotStatus = page.getByTestId('plot-keys-status');
    this.plotTable = page.getByTestId('plot-table');
    this.plotTableToggle = page.getByTestId('plot-table-toggle');
    this.help = page.getByTestId('shortcuts-help');
  }

  grid(name: 'Streams' | 'Events' | 'Global event log' | 'Matching events' | 'Case notes' | 'Activity log'): Locator {
    return this.page.getByRole('grid', { name, exact: true });
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === document.activeElement).catch(() => false);
  }

  /**
   * Presses Tab (Shift+Tab with `back`) until `target` has focus; returns how many presses it took.
   * Fails past `max`: a list that is one Tab stop is reached in a handful, not one per row. Already
   * there: 0.
   */
  async tabTo(target: Locator, max = 25, back = false): Promise<number> {
    if (await this.isFocused(target)) return 0;
    for (let presses = 1; presses <= max; presses++) {
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await this.isFocused(target)) return presses;
    }
    const focused = await this.page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} ${el.textContent?.slice(0, 40) ?? ''}` : 'nothing';
    });
    throw new Error(`${max} Tab presses did not reach ${target.toString()} (focus is on ${focused})`);
  }

  /** On a page just loaded: its first Tab stop is the skip link, and it lands in the screen. */
  async skipToContent(): Promise<void> {
    await this.page.keyboard.press('Tab');
    await expect(this.skipLink).toBeFocused();
    await expect(this.skipLink).toBeInViewport();
    await this.page.keyboard.press('Enter');
    await expect(this.main).toBeFocused();
  }

  /** The grid's active row: the one holding focus and the Tab stop, the one Enter opens. */
  activeRow(grid: Locator): Locator {
    return grid.locator('[role="row"][data-active="true"]');
  }

  async expectActive(grid: Locator, attribute: string, value: string): Promise<void> {
    const row = this.activeRow(grid);
    await expect(row).toHaveAttribute(attribute, value);
    await expect(row).toBeFocused();
    await expect(row).toHaveAttribute('tabindex', '0');
    await expect(row).toBeInViewport();
    // The other rendered rows are out of the Tab order.
    expect(await grid.locator('[role="row"][tabindex="0"]').count()).toBe(1);
  }

  /** Tab (Shift+Tab with `back`) until focus is inside `grid`; returns the presses it took. */
  async tabInto(grid: Locator, max = 25, back = false): Promise<number> {
    const inside = () => grid.evaluate((g) => g.contains(document.activeElement)).catch(() => false);
    if (await inside()) return 0;
    for (let presses = 1; presses <= max; presses++) {
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await inside()) return presses;
    }
    throw new Error(`${max} Tab presses did not reach ${grid.toString()}`);
  }
}
