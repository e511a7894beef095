// The CLI dispatcher: command name → command, errors → exit codes (0 ok, 2 usage, 1 failure).
import { LedgerError, redactSecrets, toErrorInfo } from '../main/errors.ts';
import { errorText } from '../shared/errorWords/index.ts';
import { terminalSafe } from './format.ts';
import { UsageError, type CliIo } from './io.ts';
import { languageOf, pickCliLanguage, setCliLanguage, t, takeLangOption, type CliMessageKey } from './i18n/index.ts';

// A command's module is loaded only when that command runs or shows its help: `ledger import`
// then holds the import's modules, not every command's (measured: all commands' modules took RSS
// 43 -> 108 MB, the transfer commands' alone 43 -> 89 MB), and `ledger --help` reads only the
// catalogs. help and summary are read when shown, in the language of that command line.
type CommandModule = { run: (argv: string[], io: CliIo) => number | Promise<number>; help: () => string };
type Command = { load: () => Promise<CommandModule>; summary: CliMessageKey };

const command = (summary: CliMessageKey, load: () => Promise<CommandModule>): Command => ({ load, summary });

export const COMMANDS: Record<string, Command> = {
  streams: command('summary.streams', async () => { const m = await import('./commands/streams.ts'); return { run: m.streamsCommand, help: m.streamsHelp }; }),
  events: command('summary.events', async () => { const m = await import('./commands/events.ts'); return { run: m.eventsCommand, help: m.eventsHelp }; }),
  state: command('summary.state', async () => { const m = await import('./commands/replay.ts'); return { run: m.stateCommand, help: m.stateHelp }; }),
  diff: command('summary.diff', async () => { const m = await import('./commands/replay.ts'); return { run: m.diffCommand, help: m.diffHelp }; }),
  blame: command('summary.blame', async () => { const m = await import('./commands/replay.ts'); return { run: m.blameCommand, help: m.blameHelp }; }),
  history: command('summary.history', async () => { const m = await import('./commands/replay.ts'); return { run: m.historyCommand, help: m.historyHelp }; }),
  'what-if': command('summary.what-if', async () => { const m = await import('./commands/whatIf.ts'); return { run: m.whatIfCommand, help: m.whatIfHelp }; }),
  drift: command('summary.drift', async () => { const m = await import('./commands/whatIf.ts'); return { run: m.driftCommand, help: m.driftHelp }; }),
  search: command('summary.search', async () => { const m = await import('./commands/search.ts'); return { run: m.searchCommand, help: m.searchHelp }; }),
  stats: command('summary.stats', async () => { const m = await import('./commands/info.ts'); return { run: m.statsCommand, help: m.statsHelp }; }),
  demo: command('summary.demo', async () => { const m = await import('./commands/demo.ts'); return { run: m.demoCommand, help: m.demoHelp }; }),
  import: command('summary.import', async () => { const m = await import('./commands/importCommand.ts'); return { run: m.importCommand, help: m.importHelp }; }),
  export: command('summary.export', async () => { const m = await import('./commands/transfer.ts'); return { run: m.exportCommand, help: m.exportHelp }; }),
  serve: command('summary.serve', async () => { const m = await import('./commands/serve.ts'); return { run: m.serveCommand, help: m.serveHelp }; }),
  verify: command('summary.verify', async () => { const m = await import('./commands/verify.ts'); return { run: m.verifyCommand, help: m.verifyHelp }; }),
  'verify-export': command('summary.verify-export', async () => { const m = await import('./commands/verify.ts'); return { run: m.verifyExportCommand, help: m.verifyExportHelp }; }),
  keys: command('summary.keys', async () => { const m = await import('./commands/keys.ts'); return { run: m.keysCommand, help: m.keysHelp }; }),
  report: command('summary.report', async () => { const m = await import('./commands/report.ts'); return { run: m.reportCommand, help: m.reportHelp }; }),
  log: command('summary.log', async () => { const m = await import('./commands/log.ts'); return { run: m.logCommand, help: m.logHelp }; }),
  notes: command('summary.notes', async () => { const m = await import('./commands/notes.ts'); return { run: m.notesCommand, help: m.notesHelp }; }),
};

// What the activity log records of the terminal's work: searches, verifications, exports and reports.
// The recording's modules (the viewer's records, and every kind of store to name the one concerned)
// load with those commands only.
for (const [name, action] of [['search', 'search'], ['verify', 'verify'], ['export', 'export'], ['report', 'report']] as const) {
  const load = COMMANDS[name].load;
  COMMANDS[name] = { ...COMMANDS[name], load: async () => { const [m, { recordedCommand }] = await Promise.all([load(), import('./activity.ts')]); return { ...m, run: recordedCommand(action, name, m.run) }; } };
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    t('cli.title'),
    '',
    t('cli.usage'),
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${t(c.summary)}`),
    '',
    t('cli.footer.readOnly'),
    t('cli.footer.exitCodes'),
    t('cli.footer.lang'),
    '',
  ].join('\n');
}

export async function runCli(rawArgv: string[], rawIo: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  // One gate for every line any command prints: event types, ids and payloads are the audited
  // system's text, and must never drive the terminal (format.ts terminalSafe).
  const io: CliIo = { ...rawIo, stdout: (text) => rawIo.stdout(terminalSafe(text)), stderr: (text) => rawIo.stderr(terminalSafe(text)) };
  // The language first (--lang, LEDGER_LANG, the locale), so that every word below is in it.
  const lang = takeLangOption(rawArgv);
  setCliLanguage(pickCliLanguage(lang.value !== undefined && languageOf(lang.value) ? lang.value : undefined, env));
  if (lang.missing || (lang.value !== undefined && !languageOf(lang.value))) {
    io.stderr(`ledger: ${lang.missing ? t('cli.langMissing') : t('cli.langUnknown', { value: lang.value })}\n`);
    return 2;
  }
  const argv = lang.argv;
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const known = COMMANDS[name];
  if (!known) {
    io.stderr(`${t('cli.unknownCommand', { name })}\n\n${usage()}`);
    return 2;
  }
  const command = await known.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help() + '\n');
    return 0;
  }
  const json = rest.includes('--json');
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger ${name}: ${redactSecrets(error.message)}\n\n${t('cli.usageHeading')}\n${command.help()}\n`);
      return 2;
    }
    const info = toErrorInfo(error);
    if (json) io.stdout(JSON.stringify({ ok: false, error: info }, null, 2) + '\n');
    io.stderr(`ledger ${name}: ${errorText(info, t)}\n`);
    if (info.code === 'INTERNAL' && !(error instanceof LedgerError)) io.stderr(`${redactSecrets((error as Error)?.stack ?? '')}\n`);
    return info.code === 'INVALID_INPUT' ? 2 : 1;
  }
}
