// The percentage an import or export draws on a terminal's stderr, at most five times a second.
import type { CliIo } from './io.ts';

export const progressLine = (io: CliIo) => {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (!io.interactive || (now - last < 200 && done < total)) return;
    last = now;
    io.stderr(`\r  ${total ? Math.floor((done / total) * 100) : 0}%`);
    if (done >= total) io.stderr('\n');
  };
};
