// "Sign this export" (issue 14): on by default when a signing key exists; without one, signing
// makes one. Shared by the export dialog and the search-results export.
import { useEffect, useState } from 'react';
import type { SignerInfo } from '../../../../shared/evidence.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { shortFingerprint } from '../keys/fingerprint.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';

export interface SignChoice {
  /** undefined while asking main whether a key exists. */
  signer: SignerInfo | null | undefined;
  sign: boolean;
  setSign: (sign: boolean) => void;
}

export function useSignChoice(): SignChoice {
  const [signer, setSigner] = useState<SignerInfo | null | undefined>(undefined);
  const [sign, setSign] = useState(false);
  useEffect(() => {
    let live = true;
    void api.showSigningKey().then((result) => {
      if (!live) return;
      const info = result.ok ? result.value : null;
      setSigner(info);
      setSign(info !== null);
    });
    return () => {
      live = false;
    };
  }, []);
  return { signer, sign, setSign };
}

export function SignSwitch({ choice }: { choice: SignChoice }) {
  const t = useT();
  const { signer, sign, setSign } = choice;
  return (
    <fieldset className="export-sign">
      <legend>{t('sign.legend')}</legend>
      <label>
        <input type="checkbox" checked={sign} disabled={signer === undefined} onChange={(e) => setSign(e.target.checked)} data-testid="export-sign" />
        {t('sign.label')}
      </label>
      <span className="muted small" data-testid="export-sign-hint">
        {signer ? (
          <Message k="sign.withKey" components={{ name: <SafeText text={signer.name} max={80} />, fingerprint: <span className="mono">{shortFingerprint(signer.fingerprint)}</span> }} />
        ) : signer === null ? (
          <Message k="sign.noKey" components={{ keys: <a href={hrefs.keys()} /> }} />
        ) : null}{' '}
        {t('sign.about')}
      </span>
    </fieldset>
  );
}
