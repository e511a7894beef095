// Shared display formats (lib/format.ts).
export const format = {
  'format.localTime': 'Local time ({{zone}}): {{time}}',
  'format.utcTime': 'UTC: {{time}}',
  'format.bytesSmall': '{{bytes}} B',
  'format.bytes_one': '{{size}} ({{count, number}} byte)',
  'format.bytes_other': '{{size}} ({{count, number}} bytes)',
  'format.ms': '{{n}} ms',
  'format.s': '{{n}} s',
  'format.min': '{{n}} min',
  'format.h': '{{n}} h',
  'format.days': '{{n}} days',
} as const;
