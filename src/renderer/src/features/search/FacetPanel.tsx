// Facet counts of a search (type, category, actor, month): each value is a button that refines the
// query (adds `type:X`, `category:X`, `actor:X`, or the month as after:/before:).
import type { SearchFacets } from '../../../../shared/search.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { facetTerm, type FacetKind } from './searchText.ts';

const GROUPS: { kind: FacetKind; title: string; of: keyof SearchFacets }[] = [
  { kind: 'type', title: 'Type', of: 'types' },
  { kind: 'category', title: 'Category', of: 'categories' },
  { kind: 'actor', title: 'Actor', of: 'actors' },
  { kind: 'month', title: 'Month (UTC)', of: 'months' },
];

const SHOWN = 12;

export function FacetPanel({ facets, onRefine }: { facets: SearchFacets; onRefine: (term: string) => void }) {
  return (
    <div className="search-facets" data-testid="search-facets">
      {GROUPS.map(({ kind, title, of }) => {
        const entries = facets[of];
        if (entries.length === 0) return null;
        return (
          <div key={kind} className="facet-group" data-testid={`facet-${kind}`}>
            <span className="facet-title muted small">{title}</span>
            {entries.slice(0, SHOWN).map((entry) => {
              const term = facetTerm(kind, entry.value);
              return (
                <button
                  key={entry.value}
                  type="button"
                  className="facet-value"
                  disabled={term === null}
                  onClick={() => term && onRefine(term)}
                  title={term ? `Refine: add ${term}` : 'Events without an actor cannot be asked for by a field'}
                  data-testid="facet-value"
                  data-facet={kind}
                  data-value={entry.value}
                >
                  {entry.value === '' ? <span className="muted">(none)</span> : <SafeText text={entry.value} max={60} />} <span className="facet-count">{formatCount(entry.count)}</span>
                </button>
              );
            })}
            {entries.length > SHOWN && <span className="muted small">+{formatCount(entries.length - SHOWN)} more</span>}
          </div>
        );
      })}
    </div>
  );
}
