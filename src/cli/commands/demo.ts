// ledger demo --out FILE: writes the deterministic demo store.
import { DEMO_DEFAULTS, writeDemoStore } from '../../main/demo/generateDemo.ts';
import { integer, parse, required } from '../args.ts';
import { json, number } from '../format.ts';
import type { CliIo } from '../io.ts';
import { t } from '../i18n/index.ts';

export const demoHelp = (): string => t('help.demo', { streams: DEMO_DEFAULTS.streams, events: number(DEMO_DEFAULTS.events), longStreams: DEMO_DEFAULTS.longStreams, longEvents: number(DEMO_DEFAULTS.longEvents) });

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
      io.stderr(`\r  ${t('demo.progress', { done: number(done), total: number(total), percent: Math.floor((done / total) * 100) })}`);
      if (done === total) io.stderr('\n');
    },
  });
  if (values.json) io.stdout(json(summary));
  else {
    const rate = number(Math.round(summary.events / summary.seconds));
    io.stdout(`${t('demo.wrote', { events: number(summary.events), streams: number(summary.streams), path: values.out, seconds: summary.seconds.toFixed(1), rate, seed: summary.seed })}\n`);
  }
  return 0;
}
