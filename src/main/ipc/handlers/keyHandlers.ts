// keys/show and keys/init: the local signing identity for the Keys panel (signingKeys.ts). The
// private key never crosses IPC; only the name, fingerprint, public key and how it is kept.
import type { Handlers } from '../../../shared/contract.ts';
import type { SigningKeys } from '../../evidence/signing/signingKeys.ts';

export function createKeyHandlers(deps: { signing: SigningKeys }): Pick<Handlers, 'keys/show' | 'keys/init'> {
  return {
    'keys/show': () => deps.signing.show(),
    'keys/init': ({ name }) => deps.signing.init({ name }),
  };
}
