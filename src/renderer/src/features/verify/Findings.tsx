// A verification's findings grouped by kind, each linking to the event at its position and to its
// stream at its version: shared by the chain verdict and the checks of a store without a chain.
import { VERIFY_FINDING_KINDS, type VerifyFinding, type VerifyReport } from '../../../../shared/verify.ts';
import { hrefs } from '../../app/routes.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { FINDING_LABELS } from './findingKinds.ts';

function FindingLinks({ finding }: { finding: VerifyFinding }) {
  const links = [];
  if (finding.position !== null) {
    const range = finding.toPosition !== undefined && finding.toPosition !== finding.position;
    links.push(
      <a key="position" href={hrefs.event(finding.position)} className="finding-position" data-testid="verify-finding-position">
        {range ? `positions ${formatCount(finding.position)}–${formatCount(finding.toPosition as number)}` : `position ${formatCount(finding.position)}`}
      </a>,
    );
  }
  if (finding.streamId !== undefined) {
    links.push(
      <a key="stream" href={hrefs.stream(finding.streamId, finding.version ?? null)} className="mono" data-testid="verify-finding-stream">
        <SafeText text={finding.streamId} max={80} />
        {finding.version !== undefined ? ` v${formatCount(finding.version)}` : ''}
      </a>,
    );
  }
  return links.length ? <span className="finding-links">{links}</span> : <span className="muted small">whole store</span>;
}

function FindingItem({ finding }: { finding: VerifyFinding }) {
  const hasValues = finding.expected !== undefined || finding.actual !== undefined;
  return (
    <li className="finding" data-testid="verify-finding" data-kind={finding.kind} data-position={finding.position ?? ''} data-check={finding.check}>
      <div className="finding-head">
        <FindingLinks finding={finding} />
        <span className="badge" title="The check that found it">
          {finding.check}
        </span>
      </div>
      <div className="finding-message">
        <SafeText text={finding.message} max={2000} />
      </div>
      {hasValues && (
        <dl className="finding-values mono small">
          {finding.expected !== undefined && (
            <>
              <dt>expected</dt>
              <dd className="break">{finding.expected === null ? '—' : <SafeText text={String(finding.expected)} max={300} />}</dd>
            </>
          )}
          {finding.actual !== undefined && (
            <>
              <dt>found</dt>
              <dd className="break">{finding.actual === null ? '—' : <SafeText text={String(finding.actual)} max={300} />}</dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

export function Findings({ report }: { report: VerifyReport }) {
  const total = VERIFY_FINDING_KINDS.reduce((n, kind) => n + report.findingCounts[kind], 0);
  return (
    <section className="card" aria-labelledby="findings-title" data-testid="verify-findings">
      <header className="card-head">
        <h2 id="findings-title">Findings</h2>
        <span className="muted small">{report.truncated ? `showing the first ${formatCount(report.findings.length)} of ${formatCount(total)}` : plural(total, 'finding')}</span>
      </header>
      {VERIFY_FINDING_KINDS.filter((kind) => report.findingCounts[kind] > 0).map((kind) => {
        const items = report.findings.filter((f) => f.kind === kind);
        const count = report.findingCounts[kind];
        return (
          <section key={kind} className={`finding-group finding-${kind}`} data-testid="verify-finding-group" data-kind={kind} aria-label={FINDING_LABELS[kind].title}>
            <h3 className="finding-group-title">
              <span className={`badge finding-badge finding-badge-${kind}`}>{FINDING_LABELS[kind].title}</span>
              <span className="finding-count">{plural(count, 'finding')}</span>
            </h3>
            <p className="muted small">{FINDING_LABELS[kind].explain}</p>
            <ul className="finding-list">
              {items.map((finding, i) => (
                <FindingItem key={i} finding={finding} />
              ))}
            </ul>
            {items.length < count && <p className="muted small">and {formatCount(count - items.length)} more of this kind (only the first findings are listed).</p>}
          </section>
        );
      })}
    </section>
  );
}

