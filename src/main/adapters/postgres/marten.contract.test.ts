// The reader contract over Marten stores written by the fixture from Marten's DDL, read through a
// role that has nothing but USAGE on the schema and SELECT on its tables.
import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTRACT_DATA, CONTRACT_READ_MODEL, describeReaderContract } from '../readerContract.ts';
import { writePgReadModel } from '../../testing/readModelFixture.ts';
import { describePg } from '../../testing/pgTest.ts';
import { writeMartenStreams, writeMartenTombstones, writeMartenHole } from '../../testing/pgFixtures/marten.ts';
import { openMarten, readOnlyRoleUrl } from './martenTestKit.ts';

let scratch = '';
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'marten-contract-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describePg('Marten stores', (pg) => {
  describeReaderContract(
    'Marten (string identity)',
    async () => {
      const url = await pg.database('marten_string');
      await writeMartenStreams(url, { identity: 'string' }, CONTRACT_DATA);
      // Tombstones and a hole in the sequence must not show anywhere.
      await writeMartenTombstones(url, {}, 'cart-1', 2);
      await writeMartenHole(url, {}, 'counter-1');
      await writePgReadModel(url, 'public');
      return openMarten(await readOnlyRoleUrl(url, 'public'));
    },
    () => scratch,
    { readModelTable: `public.${CONTRACT_READ_MODEL.table}` },
  );

  // Guid identity cannot carry the contract's stream ids ('cart-1' is not a uuid): pgReader.test.ts
  // runs the same reads over Guid streams. Here: conjoined tenancy (tenant_id in the keys) with the
  // data in one tenant, in a schema of its own, with Marten 9's DDL.
  describeReaderContract(
    'Marten (conjoined tenancy, own schema, Marten 9 DDL)',
    async () => {
      const url = await pg.database('marten_conjoined');
      const options = { conjoined: true, schema: 'events', generation: 9 as const };
      await writeMartenStreams(url, options, CONTRACT_DATA.map((s) => ({ ...s, tenantId: 'tenant-a' })));
      await writeMartenTombstones(url, options, 'cart-1', 1, 'tenant-a');
      // Beside the events in their own schema, which is not on the role's search path.
      await writePgReadModel(url, 'events');
      return openMarten(await readOnlyRoleUrl(url, 'events'), 'events');
    },
    () => scratch,
    { readModelTable: `events.${CONTRACT_READ_MODEL.table}` },
  );
});
