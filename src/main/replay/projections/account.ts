// Bank account: opened, deposited, withdrawn, closed. Amounts in minor units (cents).
import { numberField, type Projection } from '../projection.ts';

export interface AccountState {
  status: 'unopened' | 'open' | 'closed';
  owner: string | null;
  currency: string | null;
  balance: number;
  deposits: number;
  withdrawals: number;
  openedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
}

export const accountProjection: Projection<AccountState> = {
  name: 'bank-account',
  version: 1,
  description: 'Balance and movement counts of a bank account; amounts in minor units.',
  // The balance is kept in cents of the currency the account was opened in.
  units: { balance: { currencyField: 'currency', scale: 2 } },
  appliesTo: (_streamId, category) => category === 'account',
  initialState: () => ({
    status: 'unopened',
    owner: null,
    currency: null,
    balance: 0,
    deposits: 0,
    withdrawals: 0,
    openedAt: null,
    closedAt: null,
    closeReason: null,
  }),
  noRestoredObjects: true,
  handles: new Set(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'AccountClosed']),
  evolve(state, event) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'AccountOpened':
        return {
          ...state,
          status: 'open',
          owner: typeof data.owner === 'string' ? data.owner : null,
          currency: typeof data.currency === 'string' ? data.currency : null,
          balance: typeof data.initialDeposit === 'number' ? data.initialDeposit : 0,
          openedAt: new Date(event.recordedAtMs).toISOString(),
        };
      case 'MoneyDeposited':
        if (state.status !== 'open') throw new Error(`MoneyDeposited on an account that is ${state.status}`);
        return { ...state, balance: state.balance + numberField(event, 'amount'), deposits: state.deposits + 1 };
      case 'MoneyWithdrawn':
        if (state.status !== 'open') throw new Error(`MoneyWithdrawn on an account that is ${state.status}`);
        return { ...state, balance: state.balance - numberField(event, 'amount'), withdrawals: state.withdrawals + 1 };
      case 'AccountClosed':
        return {
          ...state,
          status: 'closed',
          closedAt: new Date(event.recordedAtMs).toISOString(),
          closeReason: typeof data.reason === 'string' ? data.reason : null,
        };
      default:
        return state;
    }
  },
};
