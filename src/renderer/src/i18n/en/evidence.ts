// The viewer's own records (issue 14): the Evidence place and its tabs.
export const evidence = {
  'evidence.nav': 'Evidence',
  'evidence.tabs': 'Evidence',
  'evidence.tab.notes': 'Case notes',
  'evidence.tab.activity': 'Activity log',
  'evidence.tab.keys': 'Signing key',
} as const;
