// "Sign this export" (issue 14): on by default when a signing key exists; without one, signing
// makes one. Shared by the export dialog and the search-results export.
import { useEffect, useState } from 'react';
import type { SignerInfo } from '../../../../shared/evidence.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { shortFingerprint } from '../keys/fingerprint.ts';

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
  const { signer, sign, setSign } = choice;
  return (
    <fieldset className="export-sign">
      <legend>Evidence</legend>
      <label>
        <input type="checkbox" checked={sign} disabled={signer === undefined} onChange={(e) => setSign(e.target.checked)} data-testid="export-sign" />
        Sign this export
      </label>
      <span className="muted small" data-testid="export-sign-hint">
        {signer ? (
          <>
            with the key of <SafeText text={signer.name} max={80} /> (<span className="mono">{shortFingerprint(signer.fingerprint)}</span>).
          </>
        ) : signer === null ? (
          <>
            No signing key yet: signing makes one (see <a href={hrefs.keys()}>Keys</a>).
          </>
        ) : null}{' '}
        The manifest gets an Ed25519 signature anyone can check with OpenSSL (VERIFY.txt in the folder says how).
      </span>
    </fieldset>
  );
}
