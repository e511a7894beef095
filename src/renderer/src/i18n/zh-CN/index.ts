// The 简体中文 catalog: the same areas and keys as en/ (catalogs.test.ts checks it key by key).
import { common } from './common.ts';

export const zhCN: Record<string, string | undefined> = {
  ...common,
};
