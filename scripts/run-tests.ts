// `npm test`: typecheck, unit tests (Vitest), then end-to-end tests (Playwright, bridge project),
// always all three, ending with one plain line "N passed, N failed[, N skipped]". The same line is
// written to test-results/summary.txt so CI can print it last. Exit status is non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { failedJourneys, failedUnitTests } from './testReport.ts';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0, problems: [] };

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): number {
  process.stdout.write(`\n=== ${title} ===\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return run.status ?? 1;
}

function readJson(file: string): any | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Types: the Node side, the browser-only renderer, and the e2e suite.
for (const config of ['tsconfig.json', 'tsconfig.web.json', 'tsconfig.e2e.json']) {
  if (step(`typecheck ${config}`, bin('tsc'), ['-p', config]) !== 0) {
    tally.failed++;
    tally.problems.push(`typecheck of ${config} failed`);
  }
}

// 2. Unit tests.
const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const unitStatus = step('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const unit = readJson(vitestJson);
if (unit) {
  tally.passed += unit.numPassedTests;
  tally.failed += unit.numFailedTests;
  tally.skipped += unit.numPendingTests + unit.numTodoTests;
  // Name every failed test in the closing lines: CI keeps only the tail of the log.
  for (const failed of failedUnitTests(unit, root)) tally.problems.push(`unit: ${failed}`);
  // A suite that failed to load has no tests to count: count it as a failure.
  const brokenSuites = (unit.testResults ?? []).filter((s: any) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  if (brokenSuites > 0) {
    tally.failed += brokenSuites;
    tally.problems.push(`${brokenSuites} unit test file(s) failed to load`);
  }
}
if (!unit || (unitStatus !== 0 && unit.numFailedTests === 0 && tally.problems.length === 0)) {
  tally.failed++;
  tally.problems.push(`vitest exited with status ${unitStatus}`);
}

// 3. End-to-end tests, against the built renderer.
if (fs.existsSync(path.join(root, 'playwright.config.ts'))) {
  if (step('build (electron-vite)', bin('electron-vite'), ['build']) !== 0) {
    tally.failed++;
    tally.problems.push('electron-vite build failed, so e2e tests could not run');
  } else {
    const pwJson = path.join(results, 'playwright.json');
    fs.rmSync(pwJson, { force: true });
    const e2eStatus = step('end-to-end tests (playwright)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    const e2e = readJson(pwJson);
    if (e2e?.stats) {
      tally.passed += e2e.stats.expected + e2e.stats.flaky;
      tally.failed += e2e.stats.unexpected;
      tally.skipped += e2e.stats.skipped;
      for (const failed of failedJourneys(e2e.suites ?? [])) tally.problems.push(`e2e: ${failed}`);
      for (const error of e2e.errors ?? []) tally.problems.push(`playwright: ${String(error.message ?? error).split('\n')[0]}`);
      if (e2eStatus !== 0 && e2e.stats.unexpected === 0) {
        tally.failed++;
        tally.problems.push(`playwright exited with status ${e2eStatus}`);
      }
    } else {
      tally.failed++;
      tally.problems.push(`playwright produced no report (status ${e2eStatus})`);
    }
  }
}

const summary = `${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;
fs.writeFileSync(path.join(results, 'summary.txt'), summary + '\n');
if (tally.problems.length) process.stdout.write(`\nProblems:\n${tally.problems.map((p) => `- ${p}`).join('\n')}\n`);
process.stdout.write(`\n${summary}\n`);
process.exitCode = tally.failed > 0 ? 1 : 0;
