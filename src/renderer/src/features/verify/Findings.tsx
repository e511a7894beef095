// A verification's findings grouped by kind, each linking to the event at its position and to its
// stream at its version: shared by the chain verdict and the checks of a store without a chain.
import { useT } from '../../i18n/index.ts';
import { VERIFY_FINDING_KINDS, type VerifyFinding, type VerifyReport } from '../../../../shared/verify.ts';
import { hrefs } from '../../app/routes.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { findingExplain, findingTitle } from './findingKinds.ts';
import { followRowLink, useRovingList, type RovingList } from '../../components/useRovingRows.ts';

function FindingLinks({ finding }: { finding: VerifyFinding }) {
  const t = useT();
  const links = [];
  if (finding.position !== null) {
    const range = finding.toPosition !== undefined && finding.toPosition !== finding.position;
    links.push(
      <a key="position" href={hrefs.event(finding.position)} className="finding-position" data-testid="verify-finding-position">
        {range ? t('findings.positions', { from: finding.position, to: finding.toPosition as number }) : t('findings.position', { position: finding.position })}
      </a>,
    );
  }
  if (finding.streamId !== undefined) {
    links.push(
      <a key="stream" href={hrefs.stream(finding.streamId, finding.version ?? null)} className="mono" data-testid="verify-finding-stream">
        <SafeText text={finding.streamId} max={80} />
        {finding.version !== undefined ? ` ${t('common.v', { version: finding.version })}` : ''}
      </a>,
    );
  }
  return links.length ? <span className="finding-links">{links}</span> : <span className="muted small">{t('findings.wholeStore')}</span>;
}

function FindingItem({ finding, item }: { finding: VerifyFinding; item: ReturnType<RovingList<HTMLElement>['itemProps']> }) {
  const t = useT();
  const hasValues = finding.expected !== undefined || finding.actual !== undefined;
  return (
    <li className="finding" data-testid="verify-finding" data-kind={finding.kind} data-position={finding.position ?? ''} data-check={finding.check} {...item}>
      <div className="finding-head">
        <FindingLinks finding={finding} />
        <span className="badge" title={t('findings.check')}>
          {finding.check}
        </span>
      </div>
      <div className="finding-message">
        {/* Main's words in the reader's language; a report from an older main has the English only. */}
        <SafeText text={errorMessage(finding)} max={2000} />
      </div>
      {hasValues && (
        <dl className="finding-values mono small">
          {finding.expected !== undefined && (
            <>
              <dt>{t('findings.expected')}</dt>
              <dd className="break">{finding.expected === null ? '—' : <SafeText text={String(finding.expected)} max={300} />}</dd>
            </>
          )}
          {finding.actual !== undefined && (
            <>
              <dt>{t('findings.found')}</dt>
              <dd className="break">{finding.actual === null ? '—' : <SafeText text={String(finding.actual)} max={300} />}</dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

/** One Tab stop per kind: ↑/↓, Home/End, PageUp/PageDown move between findings (the chosen one's
 * links join the Tab order), Enter opens the first of its links. */
function FindingList({ items }: { items: VerifyFinding[] }) {
  const roving = useRovingList<HTMLUListElement>(items.length, { onOpen: (i) => followRowLink(roving.itemProps(i).id) });
  return (
    <ul className="finding-list" {...roving.listProps}>
      {items.map((finding, i) => (
        <FindingItem key={i} finding={finding} item={roving.itemProps(i)} />
      ))}
    </ul>
  );
}

export function Findings({ report }: { report: VerifyReport }) {
  const t = useT();
  const total = VERIFY_FINDING_KINDS.reduce((n, kind) => n + report.findingCounts[kind], 0);
  return (
    <section className="card" aria-labelledby="findings-title" data-testid="verify-findings">
      <header className="card-head">
        <h2 id="findings-title">{t('findings.title')}</h2>
        <span className="muted small">{report.truncated ? t('findings.truncated', { shown: report.findings.length, total }) : t('integrity.findings', { count: total })}</span>
      </header>
      {VERIFY_FINDING_KINDS.filter((kind) => report.findingCounts[kind] > 0).map((kind) => {
        const items = report.findings.filter((f) => f.kind === kind);
        const count = report.findingCounts[kind];
        return (
          <section key={kind} className={`finding-group finding-${kind}`} data-testid="verify-finding-group" data-kind={kind} aria-label={findingTitle(kind)}>
            <h3 className="finding-group-title">
              <span className={`badge finding-badge finding-badge-${kind}`}>{findingTitle(kind)}</span>
              <span className="finding-count">{t('integrity.findings', { count })}</span>
            </h3>
            <p className="muted small">{findingExplain(kind)}</p>
            <FindingList items={items} />
            {items.length < count && <p className="muted small">{t('findings.more', { count: count - items.length })}</p>}
          </section>
        );
      })}
    </section>
  );
}

