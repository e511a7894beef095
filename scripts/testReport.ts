// What failed, named for the closing lines of `npm test`: CI keeps only the tail of its log, so a
// failure must be named there, not only where it scrolled past.
import path from 'node:path';

// The first line of an error, without terminal colours, short enough for a closing list.
function firstLine(message: unknown): string {
  return String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0].slice(0, 300);
}

// Playwright's report nests suites (file, describe) around specs, each run once per project and
// retry; a journey that ended unexpected is named with its project and its first error line.
export function failedJourneys(suites: any[]): string[] {
  const names: string[] = [];
  const walk = (suite: any) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = (test.results ?? []).map((r: any) => r.error?.message).find(Boolean);
        names.push(`[${test.projectName}] ${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  return names;
}

// Vitest's JSON report: one result per file, one assertion result per test.
export function failedUnitTests(report: any, root: string): string[] {
  const names: string[] = [];
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      names.push(`${path.relative(root, suite.name)} › ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
  return names;
}
