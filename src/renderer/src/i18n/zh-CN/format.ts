import type { format as en } from '../en/format.ts';

export const format: Partial<Record<keyof typeof en, string>> = {
  'format.localTime': '本地时间：{{time}}',
};
