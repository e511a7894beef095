// Integrity: run a verification (optionally against a chain head recorded earlier), read the
// verdict and the findings grouped by kind; for stores without a chain, make a verified copy.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export type FindingKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'summary-mismatch' | 'corrupt-page' | 'rewritten' | 'schema-changed';

export class VerifyPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly screen: Locator;
  readonly expectedHead: Locator;
  readonly expectedHeadError: Locator;
  readonly start: Locator;
  readonly job: Locator;
  readonly verdict: Locator;
  readonly verdictTitle: Locator;
  readonly chainHead: Locator;
  readonly eventsChecked: Locator;
  readonly duration: Locator;
  readonly findings: Locator;
  readonly noChain: Locator;
  readonly copyOut: Locator;
  readonly copyStart: Locator;
  readonly copyResult: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.screen = page.getByTestId('verify-screen');
    this.expectedHead = page.getByTestId('verify-expected-head-input');
    this.expectedHeadError = page.getByTestId('verify-expected-head-error');
    this.start = page.getByTestId('verify-start');
    this.job = page.getByTestId('verify-job');
    this.verdict = page.getByTestId('verify-verdict');
    this.verdictTitle = page.getByTestId('verify-verdict-title');
    this.chainHead = page.getByTestId('verify-chain-head');
    this.eventsChecked = page.getByTestId('verify-events-checked');
    this.duration = page.getByTestId('verify-duration');
    this.findings = page.getByTestId('verify-finding');
    this.noChain = page.getByTestId('verify-no-chain');
    this.copyOut = page.getByTestId('verified-copy-out');
    this.copyStart = page.getByTestId('verified-copy-start');
    this.copyResult = page.getByTestId('verified-copy-result');
  }

  async open(): Promise<void> {
    await this.shell.nav('verify');
    await expect(this.screen).toBeVisible();
  }

  /** Runs a verification and waits for its verdict. */
  async run(expectedHead = ''): Promise<void> {
    await this.expectedHead.fill(expectedHead);
    await this.start.click();
    await expect(this.verdict).toBeVisible({ timeout: 60_000 });
  }

  /** No finding. Without a confirmed recorded head the verdict says what it cannot rule out. */
  async expectUntouched(): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-ok', 'true');
    await expect(this.verdictTitle).toHaveText(/^(Untouched|Chain intact \(untouched unless rewritten to its end\))$/);
  }

  group(kind: FindingKind): Locator {
    return this.page.locator(`[data-testid="verify-finding-group"][data-kind="${kind}"]`);
  }

  finding(kind: FindingKind, position?: number): Locator {
    return this.page.locator(`[data-testid="verify-finding"][data-kind="${kind}"]${position === undefined ? '' : `[data-position="${position}"]`}`);
  }

  /** Follows a finding's link to the event at its position. */
  async openFinding(kind: FindingKind, position: number): Promise<void> {
    await this.finding(kind, position).getByTestId('verify-finding-position').click();
  }

  async groupKinds(): Promise<string[]> {
    return this.page.getByTestId('verify-finding-group').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-kind') ?? ''));
  }

  /** Stores without a chain: copies the open store into `out` and opens the copy. */
  async makeVerifiedCopy(out: string): Promise<void> {
    await this.copyOut.fill(out);
    await this.copyStart.click();
    await expect(this.copyResult).toBeVisible({ timeout: 60_000 });
  }
}
