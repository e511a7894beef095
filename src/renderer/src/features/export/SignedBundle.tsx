// Under a finished export: who signed it and the bundle's other files (signature, public key,
// VERIFY.txt, activity, notes), as download links in browser mode or paths beside the file.
import type { ExportResult } from '../../../../shared/contract.ts';
import { downloadHref, mode } from '../../api.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { shortFingerprint } from '../keys/fingerprint.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';

export function SignedBundle({ result }: { result: ExportResult }) {
  const t = useT();
  const files = result.bundleFiles ?? [];
  if (!result.signed && files.length === 0) return null;
  return (
    <div className="signed-bundle small" data-testid="export-signed" data-signed={String(Boolean(result.signed))}>
      {result.signed ? (
        <span title={t('signed.title', { fingerprint: result.signed.fingerprint })}>
          <Message k="signed.by" components={{ name: <SafeText text={result.signed.name} max={120} />, fingerprint: <span className="mono">{shortFingerprint(result.signed.fingerprint)}</span> }} />
          {result.signed.sequence !== null && t('signed.sequence', { sequence: result.signed.sequence })}
        </span>
      ) : (
        <span className="muted">{t('signed.not')}</span>
      )}
      {files.length > 0 && (
        <ul>
          {files.map((file) => (
            <li key={file.name}>
              {mode === 'browser' && file.downloadUrl ? (
                <a href={downloadHref(file.downloadUrl)} download={file.name} rel="noopener" data-testid="export-bundle-file">
                  {file.name}
                </a>
              ) : (
                <span className="mono" data-testid="export-bundle-file">
                  {file.path}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
