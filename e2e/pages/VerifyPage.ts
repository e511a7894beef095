// Integrity: run a verification (optionally against a chain head recorded earlier), read the
// verdict and the findings grouped by kind; for stores without a chain (Emmett files, databases),
// check what can be checked (verdict, findings, what it cannot see) and make a verified copy.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.ts';

export type FindingKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'summary-mismatch' | 'corrupt-page' | 'rewritten' | 'schema-changed' | 'index-divergence';

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
  readonly copyJob: Locator;
  readonly copyCancelled: Locator;
  readonly copySourceVersions: Locator;
  /** Stores without a chain: the checks that can be made without one. */
  readonly checkStart: Locator;
  readonly checkJob: Locator;
  readonly checkCancelled: Locator;
  readonly checkVerdict: Locator;
  readonly checkTitle: Locator;
  readonly checkEvents: Locator;
  readonly checkLimits: Locator;

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
    this.copyJob = page.getByTestId('verified-copy-job');
    this.copyCancelled = page.getByTestId('verified-copy-cancelled');
    this.copySourceVersions = page.getByTestId('verified-copy-source-versions');
    this.checkStart = page.getByTestId('verify-check-start');
    this.checkJob = page.getByTestId('verify-check-job');
    this.checkCancelled = page.getByTestId('verify-check-cancelled');
    this.checkVerdict = page.getByTestId('verify-check-verdict');
    this.checkTitle = page.getByTestId('verify-check-title');
    this.checkEvents = page.getByTestId('verify-check-events');
    this.checkLimits = page.getByTestId('verify-check-limit');
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

  /** Stores without a chain: runs "Check what can be checked" and waits for its verdict. */
  async runChecks(): Promise<void> {
    await this.checkStart.click();
    await expect(this.checkVerdict).toBeVisible({ timeout: 60_000 });
  }

  /** The checks found nothing; the verdict still says what they cannot see. */
  async expectConsistent(): Promise<void> {
    await expect(this.checkVerdict).toHaveAttribute('data-ok', 'true');
    await expect(this.checkLimits.first()).toContainText('no hash chain');
  }

  /** The checks found something (findings are listed with `finding(kind)` / `group(kind)`). */
  async expectInconsistent(): Promise<void> {
    await expect(this.checkVerdict).toHaveAttribute('data-ok', 'false');
    await expect(this.checkTitle).toContainText('does not agree with itself');
  }

  /** Starts the checks and cancels them while they run. */
  async cancelChecks(): Promise<void> {
    await this.checkStart.click();
    await this.checkJob.getByTestId('verify-check-job-cancel').click();
    await expect(this.checkCancelled).toBeVisible();
  }

  /** Stores without a chain: copies the open store into `out` (waits for the result). */
  async makeVerifiedCopy(out: string): Promise<void> {
    await this.startVerifiedCopy(out);
    await expect(this.copyResult).toBeVisible({ timeout: 60_000 });
  }

  /** Starts a verified copy without waiting for it (to watch its progress or cancel it). */
  async startVerifiedCopy(out: string): Promise<void> {
    await this.copyOut.fill(out);
    await this.copyStart.click();
  }

  /** Cancels the running copy: no copy is made. */
  async cancelVerifiedCopy(): Promise<void> {
    await this.copyJob.getByTestId('verified-copy-job-cancel').click();
    await expect(this.copyCancelled).toBeVisible();
  }

  /** The copy's chain head, as the result shows it (the evidence). */
  async copyChainHead(): Promise<string> {
    const text = (await this.copyResult.getByTestId('verified-copy-result-chain-head').textContent()) ?? '';
    return /[0-9a-f]{64}/.exec(text)?.[0] ?? '';
  }

  /** "Open the copy": opens the new store in place of the open one. */
  async openCopy(): Promise<void> {
    await this.copyResult.getByTestId('verified-copy-result-open').click();
  }
}
