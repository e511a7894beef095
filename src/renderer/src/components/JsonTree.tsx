// A collapsible, lazy JSON viewer. Payloads are untrusted and may be huge or deeply nested: children
// are only rendered when their parent is open, long containers are shown in chunks, long strings are
// clipped with a "show more", and nothing walks the whole value up front.
import { useRovingTree } from './useRovingRows.ts';
import { createContext, useContext, useState, type MouseEvent, type ReactNode } from 'react';
import { SafeText } from '../lib/safeText.tsx';
import { t as translate, useT } from '../i18n/index.ts';
import { useFormat } from '../i18n/format.ts';
import { amountSource, currencyFor, formatAmount, unitAt, type FieldUnit, type FieldUnits, type UnitStep } from '../../../shared/units.ts';
import './json.css';

const CHUNK = 200;
const STRING_PREVIEW = 600;
const STRING_STEP = 200_000;
const AUTO_OPEN_CHILDREN = 60;
const DEEP_OPEN = 10;
/** Past this depth children are indented less, so a 1,000-level payload stays readable. */
const FLAT_AFTER = 16;

type Container = Record<string, unknown> | unknown[];

/** Numbers as their stored text by JSON Pointer (StoredEvent.numbersAsWritten): JS numbers would show 12345678901234567890 as …7000. */
const NumbersAsWritten = createContext<Record<string, string> | undefined>(undefined);
const pointerPart = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Money and decimals a projection declared (shared/units.ts): `root` is the value the paths start
 * from (the state, or a diff's value at `base`), for a currency kept in a field.
 */
interface AmountScope {
  units: FieldUnits;
  root: unknown;
  base: readonly UnitStep[];
}
const Amounts = createContext<AmountScope | undefined>(undefined);

/** Declared units for the values inside (a diff's before/after at `base`); JsonTree's own `units` starts a scope at its root. */
export function AmountsScope({ units, root, base, children }: { units: FieldUnits | undefined; root: unknown; base: readonly UnitStep[]; children: ReactNode }) {
  return <Amounts.Provider value={units ? { units, root, base } : undefined}>{children}</Amounts.Provider>;
}

/** A number a projection declared as money: the amount, with the stored value on hover; as stored when it is not an amount. */
function Amount({ stored, unit, currency }: { stored: string; unit: FieldUnit; currency: string | undefined }) {
  const t = useT();
  const { language } = useFormat();
  const amount = formatAmount(stored, unit, language, currency);
  const scale = unit.scale ?? 2; // money without a scale is in cents (formatAmount's default)
  if (!amount) {
    const reason = 'currencyField' in unit && !(currency && /^[A-Z]{3}$/.test(currency)) ? t('json.amount.noCurrency', { field: unit.currencyField }) : t('json.amount.notMinorUnits', { scale });
    return (
      <span className="json-number" title={reason} data-testid="json-amount-as-stored">
        {stored}
      </span>
    );
  }
  return (
    <span className="json-number json-amount" title={t('json.amount.stored', { stored, count: scale })} data-stored={stored} data-testid="json-amount">
      {amount.text}
    </span>
  );
}

/** A primitive at `steps` inside the current amounts scope: an amount when declared as one. */
export function ScopedValue({ value, steps, parent, asWritten, limit }: { value: unknown; steps: readonly UnitStep[]; parent?: unknown; asWritten?: string; limit?: number }): ReactNode {
  const scope = useContext(Amounts);
  const unit = scope && typeof value === 'number' ? unitAt(scope.units, [...scope.base, ...steps]) : undefined;
  const stored = unit ? amountSource(value as number, asWritten) : null;
  if (unit && stored !== null) return <Amount stored={stored} unit={unit} currency={currencyFor(unit, parent, scope!.root)} />;
  return <JsonInline value={value} limit={limit} />;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The first `limit` children (an array of a million items is never copied whole). */
function firstEntries(value: Container, limit: number): [string | number, unknown][] {
  if (Array.isArray(value)) return value.slice(0, limit).map((v, i) => [i, v]);
  return Object.keys(value)
    .slice(0, limit)
    .map((k) => [k, value[k]]);
}

function sizeOf(value: Container): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

export function summary(value: Container): string {
  const n = sizeOf(value);
  return Array.isArray(value) ? `[${translate('json.items', { count: n })}]` : `{${translate('json.keys', { count: n })}}`;
}

/** A string as JSON would quote it, clipped to `limit` characters, invisible characters shown. */
export function JsonString({ text, limit = STRING_PREVIEW }: { text: string; limit?: number }) {
  const t = useT();
  const [shown, setShown] = useState(limit);
  const visible = text.length > shown ? text.slice(0, shown) : text;
  const quoted = JSON.stringify(visible);
  return (
    <span className="json-string">
      <SafeText text={text.length > shown ? quoted.slice(0, -1) : quoted} />
      {text.length > shown && (
        <>
          <span className="json-clip">…"</span>{' '}
          <button type="button" className="link-button json-more" onClick={() => setShown((s) => s + STRING_STEP)}>
            {t('json.showMoreCharacters', { count: Math.min(STRING_STEP, text.length - shown), total: text.length })}
          </button>
        </>
      )}
    </span>
  );
}

/** One JSON value on one line: primitives in full (strings clipped), containers as a summary. */
export function JsonInline({ value, limit }: { value: unknown; limit?: number }): ReactNode {
  if (value === undefined) return <span className="json-undefined">—</span>;
  if (value === null) return <span className="json-null">{'null' /* i18n-verbatim: JSON */}</span>;
  if (typeof value === 'string') return <JsonString text={value} limit={limit} />;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  if (isContainer(value)) return <span className="json-summary">{summary(value)}</span>;
  return <span>{String(value)}</span>;
}

function Key({ name }: { name: string | number }) {
  return typeof name === 'number' ? <span className="json-index">{name}</span> : <span className="json-key"><SafeText text={name} max={500} /></span>;
}

function Children({ value, depth, openDepth, pointer, steps }: { value: Container; depth: number; openDepth: number; pointer: string; steps: readonly UnitStep[] }) {
  const t = useT();
  const [limit, setLimit] = useState(CHUNK);
  const total = sizeOf(value);
  const shown = firstEntries(value, limit);
  return (
    <ul className={depth >= FLAT_AFTER ? 'json-children json-children-flat' : 'json-children'} role="group">
      {shown.map(([key, child]) => (
        <JsonNode key={String(key)} name={key} value={child} parent={value} depth={depth + 1} openDepth={openDepth} pointer={`${pointer}/${pointerPart(key)}`} steps={[...steps, key]} />
      ))}
      {total > limit && (
        <li className="json-row">
          <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 5)}>
            {t('json.showMoreEntries', { count: Math.min(CHUNK * 5, total - limit), total })}
          </button>
        </li>
      )}
    </ul>
  );
}

function JsonNode({
  name,
  value,
  parent,
  depth,
  openDepth,
  pointer,
  steps,
}: {
  name: string | number | null;
  value: unknown;
  parent: unknown;
  depth: number;
  openDepth: number;
  pointer: string;
  steps: readonly UnitStep[];
}) {
  const t = useT();
  const container = isContainer(value);
  const asWritten = useContext(NumbersAsWritten)?.[pointer];
  const scope = useContext(Amounts);
  const unitDeclared = scope !== undefined && typeof value === 'number' && unitAt(scope.units, [...scope.base, ...steps]) !== undefined;
  const [open, setOpen] = useState(() => container && depth < openDepth && sizeOf(value) <= AUTO_OPEN_CHILDREN);
  // Shift-click opens ten levels at once (deeply nested payloads would otherwise take a click per level).
  const [childDepth, setChildDepth] = useState(openDepth);
  const toggle = (event: MouseEvent) => {
    if (event.shiftKey && !open) setChildDepth(depth + 1 + DEEP_OPEN);
    setOpen(!open);
  };
  if (!container || sizeOf(value) === 0) {
    return (
      <li className="json-row" role="treeitem">
        <span className="json-toggle-space" />
        {name !== null && (
          <>
            <Key name={name} />
            <span className="json-colon">:</span>
          </>
        )}
        {container ? (
          <span className="json-summary">{Array.isArray(value) ? '[]' : '{}'}</span>
        ) : typeof value === 'number' && asWritten !== undefined && !unitDeclared ? (
          <span className="json-number" title={t('json.numberAsStored', { value: String(value) })}>{asWritten}</span>
        ) : (
          <ScopedValue value={value} steps={steps} parent={parent} asWritten={asWritten} />
        )}
      </li>
    );
  }
  return (
    <li className="json-row" role="treeitem" aria-expanded={open}>
      <button type="button" className="json-toggle" aria-label={open ? t('json.collapse') : t('json.expand')} title={t('json.shiftClick')} onClick={toggle}>
        {open ? '▾' : '▸'}
      </button>
      {name !== null && (
        <>
          <Key name={name} />
          <span className="json-colon">:</span>
        </>
      )}
      <button type="button" className="json-summary link-button" onClick={toggle}>
        {summary(value)}
      </button>
      {open && <Children value={value} depth={depth} openDepth={childDepth} pointer={pointer} steps={steps} />}
    </li>
  );
}

export interface JsonTreeProps {
  value: unknown;
  /** Levels opened at first (containers with many children stay closed). */
  openDepth?: number;
  testId?: string;
  /** Numbers to show as their stored text, by JSON Pointer into `value`. */
  numbersAsWritten?: Record<string, string>;
  /** A projection's declared money fields, paths from `value` (else an enclosing AmountsScope applies). */
  units?: FieldUnits;
}

export function JsonTree({ value, openDepth = 2, testId, numbersAsWritten, units }: JsonTreeProps) {
  // One Tab stop: arrows move through the keys, → / ← open and close.
  const roving = useRovingTree<HTMLUListElement>();
  const tree = (
    <NumbersAsWritten.Provider value={numbersAsWritten}>
      <ul className="json-tree" role="tree" data-testid={testId} {...roving}>
        <JsonNode name={null} value={value} parent={undefined} depth={0} openDepth={openDepth} pointer="" steps={[]} />
      </ul>
    </NumbersAsWritten.Provider>
  );
  return units ? (
    <AmountsScope units={units} root={value} base={[]}>
      {tree}
    </AmountsScope>
  ) : (
    tree
  );
}
