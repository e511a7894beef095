// Keyboard use (issue 15): the skip link, the shortcuts added with one-Tab-stop tables, the plot's keys
// and its table of counts.
export const keyboard = {
  'keyboard.notes.table': 'Case notes',
  'keyboard.activity.table': 'Activity log',
  'keyboard.skip': 'Skip to content',
  'shortcuts.table.keys': '↑ ↓, Home / End, PgUp / PgDn',
  'shortcuts.table': 'Move through a table or list once it has focus (each is one Tab stop)',
  'shortcuts.plot.keys': '← → (Shift to select), Enter, + / −, PgUp / PgDn, Home',
  'shortcuts.plot': 'In the events-over-time plot: pick bars, narrow to them, zoom in / out, pan, reset',
  'shortcuts.skip.keys': 'Tab (first)',
  'shortcuts.skip': 'Skip to content: past the header to the screen itself',
  'plot.keys.label': 'Events over time. Arrow keys pick a bar, Enter narrows the time range to it, plus and minus zoom, Page Up and Page Down pan, Home resets.',
  'plot.keys.bar': '{{time}}: {{count, number}} events',
  'plot.keys.selection': '{{from}} to {{to}}: {{count, number}} events in {{bars, number}} bars. Enter narrows to them.',
  'plot.table.show': 'Show as table',
  'plot.table.hide': 'Hide the table',
  'plot.table.caption': 'Events per time bucket, by type',
  'plot.table.start': 'From (UTC)',
  'plot.table.total': 'Total',
} as const;
