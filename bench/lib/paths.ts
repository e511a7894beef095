// Where a bench run keeps its files: the dataset cache (reused across runs) and a scratch folder
// for what one run writes (append targets, export files), removed when the run ends.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);
export const DEFAULT_DATA_DIR = path.join(BENCH_DIR, '.data');
export const DEFAULT_RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');
export const WORKER = path.join(BENCH_DIR, 'worker.ts');
