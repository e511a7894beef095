// The CLI dispatcher: command name → command, errors → exit codes (0 ok, 2 usage, 1 failure).
import { LedgerError, redactSecrets, toErrorInfo } from '../main/errors.ts';
import { errorText } from '../shared/errorWords/index.ts';
import { demoCommand, demoHelp } from './commands/demo.ts';
import { eventsCommand, eventsHelp } from './commands/events.ts';
import { statsCommand, statsHelp } from './commands/info.ts';
import { blameCommand, blameHelp, diffCommand, diffHelp, stateCommand, stateHelp } from './commands/replay.ts';
import { reportCommand, reportHelp } from './commands/report.ts';
import { searchCommand, searchHelp } from './commands/search.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { exportCommand, exportHelp, importCommand, importHelp } from './commands/transfer.ts';
import { keysCommand, keysHelp } from './commands/keys.ts';
import { streamsCommand, streamsHelp } from './commands/streams.ts';
import { verifyCommand, verifyExportCommand, verifyExportHelp, verifyHelp } from './commands/verify.ts';
import { driftCommand, driftHelp, whatIfCommand, whatIfHelp } from './commands/whatIf.ts';
import { terminalSafe } from './format.ts';
import { recordedCommand } from './activity.ts';
import { logCommand, logHelp } from './commands/log.ts';
import { notesCommand, notesHelp } from './commands/notes.ts';
import { UsageError, type CliIo } from './io.ts';
import { languageOf, pickCliLanguage, setCliLanguage, t, takeLangOption, type CliMessageKey } from './i18n/index.ts';

// help and summary are read when shown, in the language of that command line.
type Command = { run: (argv: string[], io: CliIo) => number | Promise<number>; help: () => string; summary: CliMessageKey };

export const COMMANDS: Record<string, Command> = {
  streams: { run: streamsCommand, help: streamsHelp, summary: 'summary.streams' satisfies CliMessageKey },
  events: { run: eventsCommand, help: eventsHelp, summary: 'summary.events' satisfies CliMessageKey },
  state: { run: stateCommand, help: stateHelp, summary: 'summary.state' satisfies CliMessageKey },
  diff: { run: diffCommand, help: diffHelp, summary: 'summary.diff' satisfies CliMessageKey },
  blame: { run: blameCommand, help: blameHelp, summary: 'summary.blame' satisfies CliMessageKey },
  'what-if': { run: whatIfCommand, help: whatIfHelp, summary: 'summary.what-if' satisfies CliMessageKey },
  drift: { run: driftCommand, help: driftHelp, summary: 'summary.drift' satisfies CliMessageKey },
  search: { run: searchCommand, help: searchHelp, summary: 'summary.search' satisfies CliMessageKey },
  stats: { run: statsCommand, help: statsHelp, summary: 'summary.stats' satisfies CliMessageKey },
  demo: { run: demoCommand, help: demoHelp, summary: 'summary.demo' satisfies CliMessageKey },
  import: { run: importCommand, help: importHelp, summary: 'summary.import' satisfies CliMessageKey },
  export: { run: exportCommand, help: exportHelp, summary: 'summary.export' satisfies CliMessageKey },
  serve: { run: serveCommand, help: serveHelp, summary: 'summary.serve' satisfies CliMessageKey },
  verify: { run: verifyCommand, help: verifyHelp, summary: 'summary.verify' satisfies CliMessageKey },
  'verify-export': { run: verifyExportCommand, help: verifyExportHelp, summary: 'summary.verify-export' satisfies CliMessageKey },
  keys: { run: keysCommand, help: keysHelp, summary: 'summary.keys' satisfies CliMessageKey },
  report: { run: reportCommand, help: reportHelp, summary: 'summary.report' satisfies CliMessageKey },
  log: { run: logCommand, help: logHelp, summary: 'summary.log' satisfies CliMessageKey },
  notes: { run: notesCommand, help: notesHelp, summary: 'summary.notes' satisfies CliMessageKey },
};

// What the activity log records of the terminal's work: searches, verifications, exports and reports.
for (const [name, action] of [['search', 'search'], ['verify', 'verify'], ['export', 'export'], ['report', 'report']] as const) {
  COMMANDS[name] = { ...COMMANDS[name], run: recordedCommand(action, name, COMMANDS[name].run) };
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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`${t('cli.unknownCommand', { name })}\n\n${usage()}`);
    return 2;
  }
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
