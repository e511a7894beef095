// search/*: one page of a search over the open store (search box, results screen), and the export of
// every result. A search runs as one of the screens' interactive reads, so the UI's Cancel stops it
// (reads/cancel), like the timeline's. A query that does not parse is refused here with where it
// stopped (details.at), so every caller (renderer, bridge) can show the position and offer the
// literal search; the engine never sees it.
import type { ExportResult, Handlers } from '../../../shared/contract.ts';
import type { SearchRequest } from '../../../shared/search.ts';
import { parseSearch } from '../../../shared/searchQuery.ts';
import type { ManifestQuery } from '../../../shared/verify.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { eventJson } from '../../export/eventFormats.ts';
import { AtomicFileWriter } from '../../export/fileWriter.ts';
import { signExport, withMaskingEvidence } from '../../export/manifest.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import { searchStore } from '../../search/search.ts';
import type { HistogramCaches } from '../../session/histogramCaches.ts';
import type { SearchIndexes } from '../../session/searchIndexes.ts';
import { interactiveReadsOf } from '../../session/interactiveReads.ts';
import type { Session } from '../../session/session.ts';
import type { BackgroundVerify } from '../../verify/backgroundVerify.ts';
import { manifestIntegrity } from '../../verify/integrityStatus.ts';
import type { Host } from './host.ts';
import { exportResultOf } from './exportHandlers.ts';
import { bundleEvidence, type EvidenceDeps } from './bundleEvidence.ts';
import type { ScreenMasking } from '../../masking/screenMasking.ts';

type SearchChannels = 'search/run' | 'search/export' | 'search/buildIndex' | 'search/indexStatus' | 'cache/clear';

export interface SearchHandlerDeps extends EvidenceDeps {
  session: Session;
  jobs: JobRegistry;
  host: Host;
  integrity?: BackgroundVerify;
  /** The open store's sidecar index (absent: the engine always scans, and the index channels say so). */
  searchIndexes?: SearchIndexes;
  /** The masking switch: on, the export is masked with its own kept secret. */
  masking?: ScreenMasking;
  /** The timeline's hour caches, cleared with the search indexes. */
  histograms?: HistogramCaches;
}

/** Refuses a query that does not parse, with its position (unless it is to be read literally). */
export function assertSearchParses(request: Pick<SearchRequest, 'q' | 'literal'>): void {
  if (request.literal) return;
  const parsed = parseSearch(request.q);
  if (parsed.ok) return;
  const { message, at } = parsed.problem;
  throw new LedgerError('INVALID_INPUT', words('errorWords.search.unreadableAt', { at: at + 1, problem: parsed.words ?? message }), {
    at,
    problem: message,
    hint: 'Search the whole text literally instead.',
  });
}

const EXPORT_PAGE = 1000;

/** A file name that still says what was searched. */
function exportFileName(q: string): string {
  const words = q.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `search_${words || 'results'}.ndjson`;
}

export function createSearchHandlers(deps: SearchHandlerDeps): Pick<Handlers, SearchChannels> {
  const { session, jobs, host, integrity } = deps;
  const reads = interactiveReadsOf(session);
  const indexes = () => {
    if (!deps.searchIndexes) throw new LedgerError('UNSUPPORTED', words('errorWords.search.noIndex', {}));
    return deps.searchIndexes;
  };
  return {
    'search/run': (request) => {
      assertSearchParses(request);
      const { store } = session.require();
      return reads.run(async (options) => {
        const accelerator = (await deps.searchIndexes?.acceleratorFor(store)) ?? null;
        return searchStore(store, request, { signal: options.signal, accelerator });
      }, 'The search');
    },
    'search/buildIndex': () => indexes().build(),
    'search/indexStatus': () => indexes().status(),
    'cache/clear': async () => {
      const cleared = await indexes().clear();
      const hours = (await deps.histograms?.clear())?.bytes ?? 0;
      return { ...cleared, bytes: cleared.bytes + hours };
    },
    'search/export': async ({ q, literal, sign }) => {
      assertSearchParses({ q, literal });
      session.require(); // fail before asking for a file name when nothing is open
      const evidence = bundleEvidence(deps, sign);
      const target = await host.chooseSavePath(exportFileName(q));
      if (!target) throw new CancelledError('Export');
      const lease = session.lease();
      const verdict = manifestIntegrity(integrity?.current() ?? null);
      const bundle = deps.masking?.forBundle() ?? null;
      const masker = bundle?.masker;
      const shown = `${q.slice(0, 60)}${q.length > 60 ? '…' : ''}`;
      return jobs.start('export', `Export the results of “${shown}” as NDJSON`, async (ctx): Promise<ExportResult> => {
        const store = lease.store;
        const accelerator = (await deps.searchIndexes?.acceleratorFor(store)) ?? null;
        const writer = new AtomicFileWriter(target.path);
        try {
          let events = 0;
          let firstPosition: number | null = null;
          let lastPosition: number | null = null;
          let after: string | null = null;
          let total = 0;
          do {
            const page = await searchStore(store, { q, literal, limit: EXPORT_PAGE, after }, { signal: ctx.signal, accelerator });
            total = Math.max(total, page.total);
            for (const found of page.items) {
              // The stored bytes, as every event export writes them (eventFormats.ts), not a re-encoding.
              for await (const raw of store.iterateRaw({ kind: 'all', fromPosition: found.position, toPosition: found.position }, { signal: ctx.signal })) {
                for (const event of raw) {
                  writer.write(eventJson(masker ? masker.maskRawEvent(event) : event));
                  writer.write('\n');
                  events++;
                  firstPosition ??= event.position;
                  lastPosition = event.position;
                }
              }
            }
            ctx.progress(events, Math.max(total, events), `${events.toLocaleString('en-US')} of ${Math.max(total, events).toLocaleString('en-US')} results`);
            if (ctx.signal.aborted) throw new CancelledError('Export');
            after = page.next;
          } while (after !== null);
          const file = writer.commit();
          // The manifest records the search as typed. No resolved query: verify-export checks the
          // file's bytes and the chain head, but cannot re-run a search (the language may change).
          const query: ManifestQuery = { kind: 'search', q: masker ? masker.maskText(q) : q, literal: literal ?? false, format: 'ndjson' };
          const sealed = await signExport(store, {
            kind: 'events',
            query,
            resolvedQuery: null,
            events: { count: events, firstPosition, lastPosition },
            files: [file],
            integrity: verdict,
          }, withMaskingEvidence(evidence, masker));
          return { ...exportResultOf(file, events, target.downloadUrl, sealed), ...(bundle ? { maskingSecretFile: bundle.secret.file } : {}) };
        } catch (error) {
          writer.abort();
          throw error;
        } finally {
          lease.release();
        }
      }, { case: 'exportSearch', q: shown });
    },
  };
}
