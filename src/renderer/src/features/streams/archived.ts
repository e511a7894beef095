// The archived marker's wording, shared by the streams list and the stream header. Archived streams
// stay visible: the source system only marks them, and an audit must still see their history.

/** The marker's tooltip, naming the layout's own flag when known. */
export function archivedTitle(layoutName?: string | null): string {
  const flag = layoutName === 'Marten' || layoutName === 'Emmett PostgreSQL' ? ` (${layoutName}'s is_archived)` : '';
  return `The source system marks this stream archived${flag}: its writers treat it as closed. The viewer still shows all of its events.`;
}
