// ledger demo --out FILE: writes the deterministic demo store.
import { DEMO_DEFAULTS, writeDemoStore } from '../../main/demo/generateDemo.ts';
import { integer, parse, required } from '../args.ts';
import { json, number } from '../format.ts';
import type { CliIo } from '../io.ts';

export const demoHelp = `ledger demo --out FILE [--streams N] [--events M] [--long-streams K] [--long-events L]
                  [--seed S] [--force] [--json]
   defaults: ${DEMO_DEFAULTS.streams} streams, ${number(DEMO_DEFAULTS.events)} events, ${DEMO_DEFAULTS.longStreams} long streams of ${number(DEMO_DEFAULTS.longEvents)} events`;

export function demoCommand(argv: string[], io: CliIo): number {
  const { values } = parse(argv, {
    out: { type: 'string' },
    streams: { type: 'string' },
    events: { type: 'string' },
    'long-streams': { type: 'string' },
    'long-events': { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
  });
  let lastDrawn = 0;
  const summary = writeDemoStore(required(values.out, 'out'), {
    streams: integer(values.streams, 'streams', 0),
    events: integer(values.events, 'events', 0),
    longStreams: integer(values['long-streams'], 'long-streams', 0),
    longEvents: integer(values['long-events'], 'long-events', 2),
    seed: values.seed,
    force: values.force,
    onProgress: (done, total) => {
      const now = Date.now();
      if (!io.interactive || (now - lastDrawn < 200 && done < total)) return;
      lastDrawn = now;
      io.stderr(`\r  ${number(done)} / ${number(total)} events (${Math.floor((done / total) * 100)}%)`);
      if (done === total) io.stderr('\n');
    },
  });
  if (values.json) io.stdout(json(summary));
  else {
    io.stdout(
      `Wrote ${number(summary.events)} events in ${number(summary.streams)} streams to ${values.out} ` +
        `in ${summary.seconds.toFixed(1)} s (${number(Math.round(summary.events / summary.seconds))} events/s, seed '${summary.seed}').\n`,
    );
  }
  return 0;
}
