// streams/*, stream/*: the stream list, one stream's events, and the replay engine.
import type { Handlers } from '../../../shared/contract.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { StatePoint } from '../../replay/replayEngine.ts';
import { startSnapshotJob } from '../../replay/snapshotJob.ts';
import { interactiveReadsOf } from '../../session/interactiveReads.ts';
import type { Session } from '../../session/session.ts';
import { withDiffCurrencies } from '../../units/diffCurrencies.ts';
import { noSuchStream } from '../../notFound.ts';

type StreamChannels = 'streams/list' | 'stream/get' | 'stream/events' | 'stream/stateAt' | 'stream/blame' | 'stream/diff' | 'stream/fieldHistory' | 'stream/buildSnapshots';

async function statePoint(input: { version?: number; time?: string | number }, latest: () => Promise<number>): Promise<StatePoint> {
  if (input.version !== undefined && input.time !== undefined) throw new LedgerError('INVALID_INPUT', words('errorWords.host.versionAndTime', {}));
  if (input.time !== undefined) return { time: input.time };
  return { version: input.version ?? (await latest()) };
}

export function createStreamHandlers(deps: { session: Session; jobs: JobRegistry }): Pick<Handlers, StreamChannels> {
  const { session, jobs } = deps;
  // The stream list and a stream's page are reads the UI's Cancel stops (see interactiveReads.ts).
  const reads = interactiveReadsOf(session);
  const streamOrThrow = async (streamId: string) => {
    const stream = await session.require().store.getStream(streamId);
    if (!stream) throw noSuchStream(streamId);
    return stream;
  };
  return {
    'streams/list': (query) => reads.run((options) => session.require().store.listStreams(query, options), 'Listing the streams'),
    'stream/get': ({ streamId }) => streamOrThrow(streamId),
    // readStream is one index range of one stream (no signal in the contract): the race still answers CANCELLED.
    'stream/events': ({ streamId, ...query }) => reads.run(() => session.require().store.readStream(streamId, query), `Reading '${streamId}'`),
    'stream/stateAt': async ({ streamId, projection, includeSkipped, ...at }) =>
      session.require().engine.stateAt(streamId, await statePoint(at, async () => (await streamOrThrow(streamId)).version), { projection, includeSkipped }),
    'stream/blame': async ({ streamId, projection, includeSkipped, ...at }) =>
      session.require().engine.blame(streamId, await statePoint(at, async () => (await streamOrThrow(streamId)).version), { projection, includeSkipped }),
    'stream/diff': async ({ streamId, from, to, projection, maxChanges, includeSkipped }) => {
      const engine = session.require().engine;
      return withDiffCurrencies(await engine.diff(streamId, from, to, { projection, maxChanges, includeSkipped }), engine.stateAt, { includeSkipped });
    },
    'stream/fieldHistory': ({ streamId, segments, projection, from, upTo, includeSkipped }) =>
      session.require().engine.fieldHistory(streamId, segments, { projection, from, upTo, includeSkipped }),
    'stream/buildSnapshots': async ({ streamId, projection }) => {
      const lease = session.lease();
      try {
        await streamOrThrow(streamId);
        await lease.engine.projectionFor(streamId, projection); // an unknown projection fails now, not in the job
      } catch (error) {
        lease.release();
        throw error;
      }
      const job = startSnapshotJob(jobs, lease.engine, streamId, projection);
      void jobs.wait(job.id).finally(lease.release);
      return job;
    },
  };
}
