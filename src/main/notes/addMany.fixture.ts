// Test helper run as a child process: adds N notes to one store key in HOME, as the CLI would
// while the app adds its own. Usage: node addMany.fixture.ts HOME KEY N TAG
import { createViewerRecords } from '../activity/viewerRecords.ts';

const [home, key, count, tag] = process.argv.slice(2);
const { notes } = createViewerRecords({ home });
for (let i = 0; i < Number(count); i++) {
  notes.add({ key, label: 'shared store', storeId: null }, { kind: 'state', streamId: 's', version: i }, `${tag}-${i}`);
}
