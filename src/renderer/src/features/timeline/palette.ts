// Stable colours per event type: a type keeps its colour whatever the filter, because the index
// comes from the store's full type list.
const PALETTE = ['#2f6fdb', '#e0782b', '#2e9d5b', '#c43d4b', '#8a5cd0', '#1f9bb0', '#c99a12', '#d0559e', '#5f7d2a', '#7a6a58', '#3b4fa0', '#b05a2a'];

export function typeColor(type: string, allTypes: readonly string[]): string {
  let index = allTypes.indexOf(type);
  if (index < 0) {
    // A type missing from the stats (should not happen): hash it to a colour.
    index = 0;
    for (const ch of type) index = (index * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return PALETTE[index % PALETTE.length];
}
