// The reader contract on the native store and on a file written by Emmett's own library.
import path from 'node:path';
import { type EmmettBatch, writeEmmettFile } from '../testing/emmettFile.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { openStore } from '../store/openStore.ts';
import { openForViewing } from './openForViewing.ts';
import { CONTRACT_DATA, CONTRACT_READ_MODEL, describeReaderContract } from './readerContract.ts';
import { writeSqliteReadModel } from '../testing/readModelFixture.ts';

const dir = tempDir('contract');

describeReaderContract(
  'native store',
  async () => {
    const file = path.join(dir, 'native.db');
    const writer = openStore(file, { readonly: false, create: true });
    for (const { streamId, batches } of CONTRACT_DATA) for (const batch of batches) writer.append(streamId, batch);
    writer.close();
    writeSqliteReadModel(file);
    return openForViewing(file);
  },
  () => dir,
  { readModelTable: CONTRACT_READ_MODEL.table },
);

describeReaderContract(
  'Emmett SQLite store (written by @event-driven-io/emmett-sqlite)',
  async () => {
    const file = path.join(dir, 'emmett.db');
    await writeEmmettFile(
      file,
      CONTRACT_DATA.flatMap(({ streamId, batches }) => batches.map((batch): EmmettBatch => [streamId, batch])),
    );
    writeSqliteReadModel(file);
    const store = openForViewing(file);
    if (store.info.format !== 'emmett') throw new Error(`detected ${store.info.format}`);
    return store;
  },
  () => dir,
  { readModelTable: CONTRACT_READ_MODEL.table },
);
