import type { format as en } from '../en/format.ts';

export const format: Partial<Record<keyof typeof en, string>> = {
  'format.localTime': '本地时间（{{zone}}）：{{time}}',
  'format.utcTime': 'UTC 时间：{{time}}',
  'format.bytesSmall': '{{bytes}} B',
  'format.bytes_other': '{{size}}（{{count, number}} 字节）',
  'format.ms': '{{n}} 毫秒',
  'format.s': '{{n}} 秒',
  'format.min': '{{n}} 分钟',
  'format.h': '{{n}} 小时',
  'format.days': '{{n}} 天',
};
