// The CLI dispatcher: command name → command, errors → exit codes (0 ok, 2 usage, 1 failure).
import { LedgerError, redactSecrets, toErrorInfo } from '../main/errors.ts';
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

type Command = { run: (argv: string[], io: CliIo) => number | Promise<number>; help: string; summary: string };

export const COMMANDS: Record<string, Command> = {
  streams: { run: streamsCommand, help: streamsHelp, summary: 'list streams' },
  events: { run: eventsCommand, help: eventsHelp, summary: "read a stream's events or the global log" },
  state: { run: stateCommand, help: stateHelp, summary: 'state of a stream at a version or time' },
  diff: { run: diffCommand, help: diffHelp, summary: 'what changed between two versions, and which event did it' },
  blame: { run: blameCommand, help: blameHelp, summary: 'the event that last set each field' },
  'what-if': { run: whatIfCommand, help: whatIfHelp, summary: 'replay with events left out or another projection: where the states split' },
  drift: { run: driftCommand, help: driftHelp, summary: 'a read model row against the replayed state, each difference with its event' },
  search: { run: searchCommand, help: searchHelp, summary: 'find events by text, fields and JSON paths (the search box)' },
  stats: { run: statsCommand, help: statsHelp, summary: 'file facts: events, streams, time range, chain head' },
  demo: { run: demoCommand, help: demoHelp, summary: 'write the deterministic demo store' },
  import: { run: importCommand, help: importHelp, summary: 'create a new store from NDJSON, JSON, CSV or another store' },
  export: { run: exportCommand, help: exportHelp, summary: 'write a stream or a range of the log as NDJSON, JSON or CSV' },
  serve: { run: serveCommand, help: serveHelp, summary: 'serve the viewer in a browser (loopback only)' },
  verify: { run: verifyCommand, help: verifyHelp, summary: 'prove the history is untouched: hash chain, versions, summaries, integrity' },
  'verify-export': { run: verifyExportCommand, help: verifyExportHelp, summary: 'check an export bundle against its manifest (and a store)' },
  keys: { run: keysCommand, help: keysHelp, summary: 'the local signing key for signed exports: init, show, export-public' },
  report: { run: reportCommand, help: reportHelp, summary: "a printable HTML report of a stream's range: verdict, events, states, attributed diffs, notes" },
  log: { run: logCommand, help: logHelp, summary: "the viewer's own activity log (opened, searched, verified, exported); --verify its chain" },
  notes: { run: notesCommand, help: notesHelp, summary: 'case notes on events and states, kept by the viewer per store' },
};

// What the activity log records of the terminal's work: searches, verifications, exports and reports.
for (const [name, action] of [['search', 'search'], ['verify', 'verify'], ['export', 'export'], ['report', 'report']] as const) {
  COMMANDS[name] = { ...COMMANDS[name], run: recordedCommand(action, name, COMMANDS[name].run) };
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Replay Ledger — audit and replay viewer for event-sourced stores',
    '',
    'Usage: ledger <command> [options]      (ledger <command> --help for details)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Stores are opened read-only. --json prints machine-readable output.',
    'Exit codes: 0 success, 1 failure (file or data problem), 2 usage error.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // One gate for every line any command prints: event types, ids and payloads are the audited
  // system's text, and must never drive the terminal (format.ts terminalSafe).
  const io: CliIo = { ...rawIo, stdout: (text) => rawIo.stdout(terminalSafe(text)), stderr: (text) => rawIo.stderr(terminalSafe(text)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`ledger: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help + '\n');
    return 0;
  }
  const json = rest.includes('--json');
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ledger ${name}: ${redactSecrets(error.message)}\n\nUsage:\n${command.help}\n`);
      return 2;
    }
    const info = toErrorInfo(error);
    if (json) io.stdout(JSON.stringify({ ok: false, error: info }, null, 2) + '\n');
    io.stderr(`ledger ${name}: ${info.message}\n`);
    if (info.code === 'INTERNAL' && !(error instanceof LedgerError)) io.stderr(`${redactSecrets((error as Error)?.stack ?? '')}\n`);
    return info.code === 'INVALID_INPUT' ? 2 : 1;
  }
}
