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

export const keysHelp = `ledger keys init [--name NAME] [--json]
   Makes the local Ed25519 signing identity when there is none (an existing one is kept). NAME is
   what bundles say signed them (default user@host). The private key is an owner-only file in the
   ledger home's signing/ folder (LEDGER_HOME overrides the folder).
ledger keys show [--json]
   Name, fingerprint (sha256 of the public key, DER), created, where it is kept. Exit 1 when none.
ledger keys export-public [--out FILE]
   The public key (SPKI PEM) to give to whoever checks your bundles (ledger verify-export --pubkey).`;

function describe(info: SignerInfo, folder: string): string {
  return [
    `Name         ${safeText(info.name)}`,
    `Fingerprint  ${groupedFingerprint(info.fingerprint)}`,
    `Created      ${info.createdAt}`,
    `Kept         ${info.protection === 'safeStorage' ? 'encrypted by the app with the system keychain' : 'owner-only file'} in ${folder}`,
  ].join('\n') + '\n';
}

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, out: { type: 'string' } });
  const [action, ...extra] = positionals;
  if (extra.length) throw new UsageError(`Unexpected argument '${extra[0]}'.`);
  const keys = createSigningKeys();
  switch (action) {
    case 'init': {
      const { info, created } = keys.init({ name: values.name });
      if (values.json) io.stdout(json({ created, ...info }));
      else {
        io.stdout(created ? 'Made a new signing key.\n' : 'A signing key already exists; it was kept (--name applies only to a new key).\n');
        io.stdout(describe(info, keys.folder()));
      }
      return 0;
    }
    case 'show': {
      const info = keys.show();
      if (!info) {
        if (values.json) io.stdout(json(null));
        io.stderr(`There is no signing key in ${keys.folder()} yet. Make one with \`ledger keys init\` (or export with --sign).\n`);
        return 1;
      }
      io.stdout(values.json ? json(info) : describe(info, keys.folder()));
      return 0;
    }
    case 'export-public': {
      const info = keys.show();
      if (!info) throw new LedgerError('NOT_FOUND', `There is no signing key in ${keys.folder()} yet. Make one with \`ledger keys init\`.`);
      if (typeof values.out === 'string') {
        const out = path.resolve(values.out);
        assertWritableTarget(out);
        fs.writeFileSync(out, info.publicKeyPem);
        io.stderr(`Wrote the public key ${groupedFingerprint(info.fingerprint)} to ${out}.\n`);
      } else io.stdout(info.publicKeyPem);
      return 0;
    }
    case undefined:
      throw new UsageError('Which action? ledger keys init, show or export-public.');
    default:
      throw new UsageError(`Unknown action '${action}': use init, show or export-public.`);
  }
}
