// What the `?` overlay lists, in order: each entry is a catalog key (`shortcuts.<name>` says what it
// does, `shortcuts.<name>.keys` the keys). e2e/keyboard.e2e.ts walks this list and fails on an
// entry it has no journey for, so a shortcut cannot be listed without being tried where it says.
export const SHORTCUTS = ['search', 'rows', 'table', 'open', 'plot', 'slider', 'versions', 'goto', 'skip', 'escape', 'help'] as const;
export type ShortcutName = (typeof SHORTCUTS)[number];
