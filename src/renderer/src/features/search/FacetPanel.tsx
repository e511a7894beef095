// Facet counts of a search (type, category, actor, month): each value is a button that refines the
// query (adds `type:X`, `category:X`, `actor:X`, or the month as after:/before:).
import { useT, type MessageKey } from '../../i18n/index.ts';
import type { SearchFacets } from '../../../../shared/search.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { facetTerm, type FacetKind } from './searchText.ts';

const GROUPS: { kind: FacetKind; title: MessageKey; of: keyof SearchFacets }[] = [
  { kind: 'type', title: 'facets.type', of: 'types' },
  { kind: 'category', title: 'facets.category', of: 'categories' },
  { kind: 'actor', title: 'facets.actor', of: 'actors' },
  { kind: 'month', title: 'facets.month', of: 'months' },
];

const SHOWN = 12;

export function FacetPanel({ facets, onRefine }: { facets: SearchFacets; onRefine: (term: string) => void }) {
  const t = useT();
  return (
    <div className="search-facets" data-testid="search-facets">
      {GROUPS.map(({ kind, title, of }) => {
        const entries = facets[of];
        if (entries.length === 0) return null;
        return (
          <div key={kind} className="facet-group" data-testid={`facet-${kind}`}>
            <span className="facet-title muted small">{t(title)}</span>
            {entries.slice(0, SHOWN).map((entry) => {
              const term = facetTerm(kind, entry.value);
              return (
                <button
                  key={entry.value}
                  type="button"
                  className="facet-value"
                  disabled={term === null}
                  onClick={() => term && onRefine(term)}
                  title={term ? t('facets.refine', { term }) : t('facets.noActor')}
                  data-testid="facet-value"
                  data-facet={kind}
                  data-value={entry.value}
                >
                  {entry.value === '' ? <span className="muted">{t('facets.none')}</span> : <SafeText text={entry.value} max={60} />} <span className="facet-count">{formatCount(entry.count)}</span>
                </button>
              );
            })}
            {entries.length > SHOWN && <span className="muted small">{t('facets.more', { count: entries.length - SHOWN })}</span>}
          </div>
        );
      })}
    </div>
  );
}
