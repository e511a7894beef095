// Keys: the local signing identity that signs export bundles (issue 14) — its name, fingerprint and
// creation time, the public key to hand to whoever checks the bundles, and a button to make one.
// The private key never reaches the renderer.
import { EvidenceTabs } from '../evidence/EvidenceTabs.tsx';
import { useStore } from '../../app/StoreContext.tsx';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SignerInfo } from '../../../../shared/evidence.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { groupedFingerprint } from './fingerprint.ts';
import './keys.css';

const PROTECTION: Record<SignerInfo['protection'], string> = {
  safeStorage: 'Encrypted with the system keychain (safeStorage)',
  file: 'An owner-only file in the viewer’s settings folder',
};

export function KeysScreen() {
  const id = useId();
  const storeOpen = useStore().store !== null;
  const [info, setInfo] = useState<SignerInfo | null | undefined>(undefined);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [justMade, setJustMade] = useState(false);

  useEffect(() => {
    let live = true;
    void api.showSigningKey().then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreating(true);
    setError(null);
    const result = await api.initSigningKey(name.trim() ? { name: name.trim() } : {});
    setCreating(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setInfo(result.value.info);
    setJustMade(result.value.created);
  }

  return (
    <div className="keys-screen" data-testid="keys-screen">
      <EvidenceTabs current="keys" storeOpen={storeOpen} />
      <section className="card" aria-labelledby={`${id}-title`}>
        <header className="card-head">
          <h2 id={`${id}-title`}>Signing key</h2>
        </header>
        <p className="muted">
          Signed exports carry an Ed25519 signature over their manifest, so a colleague, a regulator or a court can check with OpenSSL alone that the bundle is unchanged and
          that it came from this key. Give them the public key (or its fingerprint) by another route.
        </p>
        {error && <ErrorView error={error} testId="keys-error" />}
        {info === undefined && !error && <Loading label="Reading the signing key…" />}
        {info === null && (
          <form className="keys-form" onSubmit={create} data-testid="keys-create-form">
            <p>There is no signing key yet. One is also made for you by the first signed export.</p>
            <label htmlFor={`${id}-name`}>Name shown in signed bundles</label>
            <input id={`${id}-name`} type="text" maxLength={200} placeholder="e.g. Ada Lovelace, internal audit (default: your user name and computer)" value={name} onChange={(e) => setName(e.target.value)} data-testid="keys-name" />
            <div className="card-actions">
              <button type="submit" className="primary" disabled={creating} data-testid="keys-create">
                {creating ? 'Creating…' : 'Create signing key'}
              </button>
            </div>
          </form>
        )}
        {info && (
          <>
            {justMade && (
              <p className="muted" data-testid="keys-created">
                A new signing key was made.
              </p>
            )}
            <dl className="keys-facts" data-testid="keys-facts">
              <dt>Name</dt>
              <dd data-testid="keys-signer-name">
                <SafeText text={info.name} max={200} />
              </dd>
              <dt>Fingerprint</dt>
              <dd className="mono" data-testid="keys-fingerprint" data-fingerprint={info.fingerprint}>
                {groupedFingerprint(info.fingerprint)} <CopyButton text={info.fingerprint} label="Copy the fingerprint" />
              </dd>
              <dt>Created</dt>
              <dd data-testid="keys-created-at">{formatTime(info.createdAt)}</dd>
              <dt>Kept</dt>
              <dd>{PROTECTION[info.protection]}</dd>
            </dl>
            <h3>
              Public key <CopyButton text={info.publicKeyPem} label="Copy the public key" />
            </h3>
            <pre className="keys-pem" data-testid="keys-public-key">
              {info.publicKeyPem}
            </pre>
            <p className="muted small">
              The fingerprint is the sha256 of the public key in DER form: <code>openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum</code>. Check a bundle with{' '}
              <code>ledger verify-export FOLDER --pubkey signer.pub.pem</code> or the OpenSSL line in its VERIFY.txt.
            </p>
          </>
        )}
      </section>
    </div>
  );
}
