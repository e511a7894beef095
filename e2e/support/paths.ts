// Shared locations for the e2e suite.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'src', 'cli', 'main.ts');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
/** Written by globalSetup: the demo store and its fingerprint, shared by every worker. */
export const FIXTURE_DIR = path.join(ROOT, 'test-results', 'e2e-fixtures');
export const DEMO_STORE = path.join(FIXTURE_DIR, 'demo.db');
/** Small enough to generate in a couple of seconds, with two long streams for scrubbing. */
export const DEMO_ARGS = ['--streams', '120', '--events', '6000', '--long-streams', '2', '--long-events', '3000', '--seed', 'e2e'];
/** Written by globalSetup: hostile stream ids and payloads (see support/hostileStore.ts). */
export const HOSTILE_STORE = path.join(FIXTURE_DIR, 'hostile.db');
