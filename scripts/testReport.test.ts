import { describe, expect, it } from 'vitest';
import { failedJourneys, failedUnitTests } from './testReport.ts';

// Shapes as Vitest's and Playwright's JSON reporters write them (trimmed from real reports).
const vitestReport = {
  testResults: [
    {
      name: '/repo/src/main/a.test.ts',
      status: 'failed',
      assertionResults: [
        { fullName: 'reader opens', title: 'opens', status: 'passed', failureMessages: [] },
        { fullName: 'reader closes its session', title: 'closes its session', status: 'failed', failureMessages: ['AssertionError: expected 1 to be +0\n    at a.test.ts:9:3'] },
      ],
    },
    { name: '/repo/src/main/b.test.ts', status: 'passed', assertionResults: [{ fullName: 'b', title: 'b', status: 'passed', failureMessages: [] }] },
  ],
};

const playwrightSuites = [
  {
    title: 'keyboard.e2e.ts',
    file: 'keyboard.e2e.ts',
    specs: [
      {
        title: 'keyboard only: diff two versions',
        file: 'keyboard.e2e.ts',
        line: 20,
        tests: [
          { projectName: 'bridge', status: 'unexpected', results: [{ status: 'failed', error: { message: '\u001b[31mError: expect(locator).toBeFocused() failed\u001b[39m\n\nLocator: …' } }] },
          { projectName: 'electron', status: 'skipped', results: [] },
        ],
      },
    ],
    suites: [
      {
        title: 'drift',
        specs: [{ title: 'a stored read model', file: 'projections.e2e.ts', line: 139, tests: [{ projectName: 'bridge', status: 'flaky', results: [{ error: { message: 'once' } }, {}] }] }],
      },
    ],
  },
];

describe('the closing list of what failed', () => {
  it('names each failed unit test by file and full name, with its first error line', () => {
    expect(failedUnitTests(vitestReport, '/repo')).toEqual(['src/main/a.test.ts › reader closes its session: AssertionError: expected 1 to be +0']);
  });

  it('names each journey that ended unexpected, in nested suites too, without terminal colours; flaky and skipped ones are not failures', () => {
    expect(failedJourneys(playwrightSuites)).toEqual(['[bridge] keyboard.e2e.ts:20 › keyboard only: diff two versions: Error: expect(locator).toBeFocused() failed']);
    const nested = structuredClone(playwrightSuites);
    nested[0].suites[0].specs[0].tests[0].status = 'unexpected';
    expect(failedJourneys(nested)).toEqual([
      '[bridge] keyboard.e2e.ts:20 › keyboard only: diff two versions: Error: expect(locator).toBeFocused() failed',
      '[bridge] projections.e2e.ts:139 › a stored read model: once',
    ]);
  });

  it('keeps a long first line short and survives a test without any message', () => {
    const long = { testResults: [{ name: '/r/x.test.ts', assertionResults: [{ title: 't', status: 'failed', failureMessages: ['x'.repeat(1000)] }, { title: 'u', status: 'failed' }] }] };
    const [first, second] = failedUnitTests(long, '/r');
    expect(first).toBe(`x.test.ts › t: ${'x'.repeat(300)}`);
    expect(second).toBe('x.test.ts › u: ');
  });
});
