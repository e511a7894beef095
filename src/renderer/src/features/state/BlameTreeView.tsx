// The state tree with blame: every field shows the event that last set it (version and type,
// inline), with time and actor on hover; clicking it opens that event. Fields set by the event at
// the version in view are highlighted, so stepping the slider shows what each event did.
import { useRovingTree } from '../../components/useRovingRows.ts';
import { useMemo, useState } from 'react';
import type { EventRef, PathSegment } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { AmountsScope, ScopedValue } from '../../components/JsonTree.tsx';
import type { FieldUnits } from '../../../../shared/units.ts';
import { formatTime } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { segmentKey, segmentLabel, type BlameNode } from './blameTree.ts';
import { useT } from '../../i18n/index.ts';

const CHUNK = 200;
const AUTO_OPEN = 60;

/** Opens the history of the field at `segments` (every event that ever set it). */
export type PickField = (segments: PathSegment[]) => void;

function HistoryButton({ segments, onPick }: { segments: PathSegment[]; onPick?: PickField }) {
  const t = useT();
  if (!onPick) return null;
  return (
    <button type="button" className="link-button field-history-button" onClick={() => onPick(segments)} title={t('blame.history.title')} data-testid="field-history-button">
      {t('blame.history')}
    </button>
  );
}

function BlameLink({ streamId, event, container = false }: { streamId: string; event: EventRef | null; container?: boolean }) {
  const t = useT();
  if (!event) {
    return (
      <span className="blame blame-initial" title={t('blame.initial.title')}>
        {t('blame.initial')}
      </span>
    );
  }
  const facts = { type: visibleText(event.type), version: event.version, position: event.position, time: formatTime(event.recordedAt) };
  const title = event.actor
    ? t(container ? 'blame.insideActor' : 'blame.setByActor', { ...facts, actor: visibleText(event.actor) })
    : t(container ? 'blame.inside' : 'blame.setBy', facts);
  return (
    <a href={hrefs.stream(streamId, event.version)} className={`blame${container ? ' blame-container' : ''}`} title={title} data-testid={container ? 'blame-container-link' : 'blame-link'} data-version={event.version}>
      {t('common.v', { version: event.version })} <SafeText text={event.type} max={40} />
    </a>
  );
}

function Label({ node }: { node: BlameNode }) {
  if (node.segment === null) return null;
  const keyed = typeof node.segment === 'object';
  return (
    <>
      <span className={typeof node.segment === 'number' ? 'json-index' : keyed ? 'json-keyed' : 'json-key'}>
        <SafeText text={segmentLabel(node.segment)} max={200} />
      </span>
      <span className="json-colon">:</span>
    </>
  );
}

/** The leaf values beside a node, by key: where a money field's currency field is looked up first. */
function leafValues(nodes: BlameNode[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const n of nodes) if (n.kind === 'leaf' && typeof n.segment === 'string') values[n.segment] = n.entry?.value;
  return values;
}

function Node({
  node,
  streamId,
  version,
  depth,
  parent,
  siblings,
  onPick,
}: {
  node: BlameNode;
  streamId: string;
  version: number;
  depth: number;
  parent: PathSegment[];
  siblings?: Record<string, unknown>;
  onPick?: PickField;
}) {
  const t = useT();
  const segments = useMemo(() => (node.segment === null ? parent : [...parent, node.segment]), [parent, node.segment]);
  const [open, setOpen] = useState(() => depth < 3 && node.children.length <= AUTO_OPEN);
  const path = node.entry?.path;
  if (node.kind === 'leaf') {
    const changedNow = node.entry?.event?.version === version && version > 0;
    return (
      <li className={`json-row blame-row${changedNow ? ' changed-now' : ''}`} role="treeitem" data-testid="state-field" data-path={path}>
        <span className="json-toggle-space" />
        <Label node={node} />
        <span className="blame-value">
          {node.entry && typeof node.entry.value === 'object' && node.entry.value !== null ? (
            <span className="json-summary">{Array.isArray(node.entry.value) ? '[]' : '{}'}</span>
          ) : (
            <ScopedValue value={node.entry?.value} steps={node.entry?.segments ?? segments} parent={siblings} />
          )}
        </span>
        <BlameLink streamId={streamId} event={node.entry?.event ?? null} />
        <HistoryButton segments={node.entry?.segments ?? segments} onPick={onPick} />
      </li>
    );
  }
  const changedNow = node.latest?.version === version && version > 0;
  const count = node.children.length;
  return (
    <li className={`json-row${changedNow ? ' changed-inside' : ''}`} role="treeitem" aria-expanded={open} data-testid="state-container">
      <button type="button" className="json-toggle" aria-label={open ? t('json.collapse') : t('json.expand')} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      <Label node={node} />
      <button type="button" className="json-summary link-button" onClick={() => setOpen(!open)}>
        {node.kind === 'array' ? `[${t('json.items', { count })}]` : `{${t('json.keys', { count })}}`}
      </button>
      <BlameLink streamId={streamId} event={node.latest} container />
      <HistoryButton segments={segments} onPick={onPick} />
      {open && (
        <ul className={depth >= 16 ? 'json-children json-children-flat' : 'json-children'} role="group">
          <ChildList nodes={node.children} streamId={streamId} version={version} depth={depth + 1} parent={segments} onPick={onPick} />
        </ul>
      )}
    </li>
  );
}

/** Children in chunks: a state with 10,000 cart lines opens instantly. */
function ChildList({ nodes, streamId, version, depth, parent, onPick }: { nodes: BlameNode[]; streamId: string; version: number; depth: number; parent: PathSegment[]; onPick?: PickField }) {
  const t = useT();
  const [limit, setLimit] = useState(CHUNK);
  const siblings = useMemo(() => leafValues(nodes), [nodes]);
  return (
    <>
      {nodes.slice(0, limit).map((child) => (
        <Node key={child.segment === null ? 'root' : segmentKey(child.segment)} node={child} streamId={streamId} version={version} depth={depth} parent={parent} siblings={siblings} onPick={onPick} />
      ))}
      {nodes.length > limit && (
        <li className="json-row">
          <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 5)}>
            {t('json.showMoreEntries', { count: Math.min(CHUNK * 5, nodes.length - limit), total: nodes.length })}
          </button>
        </li>
      )}
    </>
  );
}

const ROOT: PathSegment[] = [];

export function BlameTreeView({ root, streamId, version, onPickField, units }: { root: BlameNode; streamId: string; version: number; onPickField?: PickField; units?: FieldUnits }) {
  // A money field's currency may be a top-level field of the state (the account's `currency`).
  const topLevel = useMemo(() => leafValues(root.children), [root]);
  const t = useT();
  // One Tab stop: arrows move through the fields, → / ← open and close, Enter opens the blamed event.
  const roving = useRovingTree<HTMLUListElement>();
  if (root.kind === 'leaf') {
    return (
      <ul className="json-tree" role="tree" data-testid="state-tree" {...roving}>
        <Node node={root} streamId={streamId} version={version} depth={0} parent={ROOT} onPick={onPickField} />
      </ul>
    );
  }
  return (
    <AmountsScope units={units} root={topLevel} base={ROOT}>
      <ul className="json-tree" role="tree" data-testid="state-tree" {...roving}>
        {root.children.length === 0 && <li className="json-row muted">{t('blame.noFields')}</li>}
        <ChildList nodes={root.children} streamId={streamId} version={version} depth={0} parent={ROOT} onPick={onPickField} />
      </ul>
    </AmountsScope>
  );
}
