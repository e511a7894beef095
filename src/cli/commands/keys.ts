// ledger keys init|show|export-public: the local signing identity that signs export bundles
// (evidence/signing/signingKeys.ts), kept in the ledger home (LEDGER_HOME overrides it).
import fs from 'node:fs';
import path from 'node:path';
import type { SignerInfo } from '../../shared/evidence.ts';
import { groupedFingerprint } from '../../main/evidence/signing/fingerprint.ts';
import { createSigningKeys } from '../../main/evidence/signing/signingKeys.ts';
import { LedgerError } from '../../main/errors.ts';
import { assertWritableTarget } from '../../main/store/auditedFiles.ts';
import { parse } from '../args.ts';
import { json, safeText } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { t } from '../i18n/index.ts';

export const keysHelp = (): string => t('help.keys');

function describe(info: SignerInfo, folder: string): string {
  return [
    t('keys.name', { name: safeText(info.name) }),
    t('keys.fingerprint', { fingerprint: groupedFingerprint(info.fingerprint) }),
    t('keys.created', { at: info.createdAt }),
    info.protection === 'safeStorage' ? t('keys.keptKeychain', { folder }) : t('keys.keptFile', { folder }),
  ].join('\n') + '\n';
}

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, out: { type: 'string' } });
  const [action, ...extra] = positionals;
  if (extra.length) throw new UsageError(t('keys.unexpected', { arg: extra[0] }));
  const keys = createSigningKeys();
  switch (action) {
    case 'init': {
      const { info, created } = keys.init({ name: values.name });
      if (values.json) io.stdout(json({ created, ...info }));
      else {
        io.stdout(`${created ? t('keys.made') : t('keys.kept')}\n`);
        io.stdout(describe(info, keys.folder()));
      }
      return 0;
    }
    case 'show': {
      const info = keys.show();
      if (!info) {
        if (values.json) io.stdout(json(null));
        io.stderr(`${t('keys.noneShow', { folder: keys.folder() })}\n`);
        return 1;
      }
      io.stdout(values.json ? json(info) : describe(info, keys.folder()));
      return 0;
    }
    case 'export-public': {
      const info = keys.show();
      if (!info) throw new LedgerError('NOT_FOUND', t('keys.noneExport', { folder: keys.folder() }));
      if (typeof values.out === 'string') {
        const out = path.resolve(values.out);
        assertWritableTarget(out);
        fs.writeFileSync(out, info.publicKeyPem);
        io.stderr(`${t('keys.wrotePublic', { fingerprint: groupedFingerprint(info.fingerprint), path: out })}\n`);
      } else io.stdout(info.publicKeyPem);
      return 0;
    }
    case undefined:
      throw new UsageError(t('keys.whichAction'));
    default:
      throw new UsageError(t('keys.unknownAction', { action }));
  }
}
