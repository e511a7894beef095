// The 简体中文 catalog: the same areas and keys as en/ (catalogs.test.ts checks it key by key).
import { common } from './common.ts';
import { keyboard } from './keyboard.ts';
import { importing } from './importing.ts';
import { start } from './start.ts';
import { verify } from './verify.ts';
import { projections } from './projections.ts';
import { drift } from './drift.ts';
import { whatif } from './whatif.ts';
import { diff } from './diff.ts';
import { search } from './search.ts';
import { timeline } from './timeline.ts';
import { streams } from './streams.ts';
import { app } from './app.ts';
import { format } from './format.ts';
import { errors } from './errors.ts';
import { components } from './components.ts';
import { evidence } from './evidence.ts';

export const zhCN: Record<string, string | undefined> = {
  ...common,
  ...keyboard,
  ...importing,
  ...start,
  ...verify,
  ...projections,
  ...drift,
  ...whatif,
  ...diff,
  ...search,
  ...timeline,
  ...streams,
  ...app,
  ...format,
  ...errors,
  ...components,
  ...evidence,
};
