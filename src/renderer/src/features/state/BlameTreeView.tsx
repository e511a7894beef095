// The state tree with blame: every field shows the event that last set it (version and type,
// inline), with time and actor on hover; clicking it opens that event. Fields set by the event at
// the version in view are highlighted, so stepping the slider shows what each event did.
import { useState } from 'react';
import type { EventRef } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { JsonInline } from '../../components/JsonTree.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { segmentKey, segmentLabel, type BlameNode } from './blameTree.ts';

const CHUNK = 200;
const AUTO_OPEN = 60;

function BlameLink({ streamId, event, container = false }: { streamId: string; event: EventRef | null; container?: boolean }) {
  if (!event) {
    return (
      <span className="blame blame-initial" title="Still the projection's initial value: no event has set it.">
        initial
      </span>
    );
  }
  const title = `${container ? 'Last change inside' : 'Set by'} ${visibleText(event.type)} (version ${event.version}, position ${event.position}) at ${formatTime(event.recordedAt)}${event.actor ? ` by ${visibleText(event.actor)}` : ''} — click to open the event`;
  return (
    <a href={hrefs.stream(streamId, event.version)} className={`blame${container ? ' blame-container' : ''}`} title={title} data-testid={container ? 'blame-container-link' : 'blame-link'} data-version={event.version}>
      v{formatCount(event.version)} <SafeText text={event.type} max={40} />
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

function Node({ node, streamId, version, depth }: { node: BlameNode; streamId: string; version: number; depth: number }) {
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
            <JsonInline value={node.entry?.value} />
          )}
        </span>
        <BlameLink streamId={streamId} event={node.entry?.event ?? null} />
      </li>
    );
  }
  const changedNow = node.latest?.version === version && version > 0;
  const count = node.children.length;
  return (
    <li className={`json-row${changedNow ? ' changed-inside' : ''}`} role="treeitem" aria-expanded={open} data-testid="state-container">
      <button type="button" className="json-toggle" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      <Label node={node} />
      <button type="button" className="json-summary link-button" onClick={() => setOpen(!open)}>
        {node.kind === 'array' ? `[${count} item${count === 1 ? '' : 's'}]` : `{${count} key${count === 1 ? '' : 's'}}`}
      </button>
      <BlameLink streamId={streamId} event={node.latest} container />
      {open && (
        <ul className={depth >= 16 ? 'json-children json-children-flat' : 'json-children'} role="group">
          <ChildList nodes={node.children} streamId={streamId} version={version} depth={depth + 1} />
        </ul>
      )}
    </li>
  );
}

/** Children in chunks: a state with 10,000 cart lines opens instantly. */
function ChildList({ nodes, streamId, version, depth }: { nodes: BlameNode[]; streamId: string; version: number; depth: number }) {
  const [limit, setLimit] = useState(CHUNK);
  return (
    <>
      {nodes.slice(0, limit).map((child) => (
        <Node key={child.segment === null ? 'root' : segmentKey(child.segment)} node={child} streamId={streamId} version={version} depth={depth} />
      ))}
      {nodes.length > limit && (
        <li className="json-row">
          <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 5)}>
            Show {Math.min(CHUNK * 5, nodes.length - limit)} more of {nodes.length}
          </button>
        </li>
      )}
    </>
  );
}

export function BlameTreeView({ root, streamId, version }: { root: BlameNode; streamId: string; version: number }) {
  if (root.kind === 'leaf') {
    return (
      <ul className="json-tree" role="tree" data-testid="state-tree">
        <Node node={root} streamId={streamId} version={version} depth={0} />
      </ul>
    );
  }
  return (
    <ul className="json-tree" role="tree" data-testid="state-tree">
      {root.children.length === 0 && <li className="json-row muted">(no fields)</li>}
      <ChildList nodes={root.children} streamId={streamId} version={version} depth={0} />
    </ul>
  );
}
