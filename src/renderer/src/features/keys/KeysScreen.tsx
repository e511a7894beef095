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
import { useT, type MessageKey } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import './keys.css';

const PROTECTION: Record<SignerInfo['protection'], MessageKey> = {
  safeStorage: 'keys.protection.safeStorage' satisfies MessageKey,
  file: 'keys.protection.file' satisfies MessageKey,
};

export function KeysScreen() {
  const t = useT();
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
          <h2 id={`${id}-title`}>{t('keys.title')}</h2>
        </header>
        <p className="muted">{t('keys.about')}</p>
        {error && <ErrorView error={error} testId="keys-error" />}
        {info === undefined && !error && <Loading label={t('keys.loading')} />}
        {info === null && (
          <form className="keys-form" onSubmit={create} data-testid="keys-create-form">
            <p>{t('keys.none')}</p>
            <label htmlFor={`${id}-name`}>{t('keys.name.label')}</label>
            <input id={`${id}-name`} type="text" maxLength={200} placeholder={t('keys.name.placeholder')} value={name} onChange={(e) => setName(e.target.value)} data-testid="keys-name" />
            <div className="card-actions">
              <button type="submit" className="primary" disabled={creating} data-testid="keys-create">
                {creating ? t('keys.creating') : t('keys.create')}
              </button>
            </div>
          </form>
        )}
        {info && (
          <>
            {justMade && (
              <p className="muted" data-testid="keys-created">
                {t('keys.created')}
              </p>
            )}
            <dl className="keys-facts" data-testid="keys-facts">
              <dt>{t('keys.fact.name')}</dt>
              <dd data-testid="keys-signer-name">
                <SafeText text={info.name} max={200} />
              </dd>
              <dt>{t('keys.fact.fingerprint')}</dt>
              <dd className="mono" data-testid="keys-fingerprint" data-fingerprint={info.fingerprint}>
                {groupedFingerprint(info.fingerprint)} <CopyButton text={info.fingerprint} label={t('keys.copyFingerprint')} />
              </dd>
              <dt>{t('keys.fact.created')}</dt>
              <dd data-testid="keys-created-at">{formatTime(info.createdAt)}</dd>
              <dt>{t('keys.fact.kept')}</dt>
              <dd>{t(PROTECTION[info.protection])}</dd>
            </dl>
            <h3>
              {t('keys.publicKey')} <CopyButton text={info.publicKeyPem} label={t('keys.copyPublicKey')} />
            </h3>
            <pre className="keys-pem" data-testid="keys-public-key">
              {info.publicKeyPem}
            </pre>
            <p className="muted small">
              <Message k="keys.howToCheck" components={{ code: <code />, cli: <code /> }} />
            </p>
          </>
        )}
      </section>
    </div>
  );
}
