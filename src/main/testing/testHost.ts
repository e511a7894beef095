// The host a handler test runs under when dialogs are beside the point: browser mode, paths not
// confined, every typed path confirmed, and "save" answering a file in `saveDir` by the suggested
// name (with a download link when the test checks browser-mode delivery).
import path from 'node:path';
import type { Host } from '../ipc/handlers/host.ts';

export function browserTestHost(saveDir: string, options: { downloadUrl?: (name: string) => string } = {}): Host {
  return {
    mode: 'browser',
    version: '0.0.0-test',
    chooseOpenPath: async () => null,
    chooseSavePath: async (name) => ({ path: path.join(saveDir, name), downloadUrl: options.downloadUrl?.(name) ?? null }),
    confinesPaths: false,
    confirmPath: async () => true,
  };
}
