// Shared display formats (lib/format.ts).
export const format = {
  'format.localTime': 'Local time: {{time}}',
} as const;
