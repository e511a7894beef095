// ledger serve [FILE]: browser mode on purpose — the viewer over a loopback HTTP bridge.
import path from 'node:path';
import { startBrowserMode } from '../../bridge/browserMode.ts';
import { checkFolder } from '../../main/projections/catalog.ts';
import { demoOptionsFromEnv } from '../../main/session/demoStore.ts';
import { integer, parse } from '../args.ts';
import type { CliIo } from '../io.ts';

export const serveHelp = `ledger serve [FILE] [--demo] [--port N] [--projections DIR]
   Serves the viewer on http://127.0.0.1 (loopback only) with a session token in the URL.
   FILE is opened read-only; --demo opens the embedded demo store. --projections DIR: the team's
   projections folder (hot reloaded). Stop with Ctrl+C.`;

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { demo: { type: 'boolean' }, port: { type: 'string' }, projections: { type: 'string' } });
  const file = typeof values.store === 'string' ? values.store : positionals[0];
  // A mistyped folder is refused here, before the server starts, not found later in the panel.
  const projectionsFolder = values.projections === undefined ? undefined : path.resolve(values.projections);
  if (projectionsFolder) await checkFolder(projectionsFolder);
  const { bridge, app } = await startBrowserMode({
    file,
    openDemo: !file && values.demo,
    port: integer(values.port, 'port', 0),
    ...(projectionsFolder ? { projectionsFolder } : {}),
    demoOptions: demoOptionsFromEnv(),
    warn: (message) => io.stderr(`ledger serve: ${message}\n`),
    guardProcess: true,
  });
  const current = app.session.current();
  io.stdout(`Replay Ledger (browser mode) at ${bridge.url}\n`);
  io.stdout(current ? `Open store: ${current.info.path} (${current.stats.events.toLocaleString('en-US')} events)\n` : 'No store open yet.\n');
  if (values.json) io.stdout(JSON.stringify({ url: bridge.url, port: bridge.port, token: bridge.token }) + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  app.session.dispose();
  await app.session.close();
  return 0;
}
