// ledger serve [FILE]: browser mode on purpose — the viewer over a loopback HTTP bridge.
import path from 'node:path';
import { startBrowserMode } from '../../bridge/browserMode.ts';
import { checkFolder } from '../../main/projections/catalog.ts';
import { demoOptionsFromEnv } from '../../main/session/demoStore.ts';
import { integer, parse } from '../args.ts';
import type { CliIo } from '../io.ts';
import { formatNumber, t } from '../i18n/index.ts';

export const serveHelp = (): string => t('help.serve');

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
    warn: (message) => io.stderr(`${t('serve.warning', { message })}\n`),
    guardProcess: true,
  });
  const current = app.session.current();
  io.stdout(`${t('serve.at', { url: bridge.url })}\n`);
  io.stdout(`${current ? t('serve.open', { path: current.info.path, events: formatNumber(current.stats.events) }) : t('serve.none')}\n`);
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
