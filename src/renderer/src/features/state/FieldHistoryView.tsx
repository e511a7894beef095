// What the field history panel shows once main has answered: the value now and every event that set
// it. Money the projection declared is shown as money, each value in the currency it had then.
import type { FieldHistoryResult } from '../../../../shared/replay.ts';
import { currencyRoot } from '../../../../shared/units.ts';
import { AmountsScope, ScopedValue } from '../../components/JsonTree.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { HistoryList } from '../diff/HistoryList.tsx';

export function FieldHistoryView({ value, streamId }: { value: FieldHistoryResult; streamId: string }) {
  const t = useT();
  const units = value.projection.units;
  const now = value.present ? (
    <AmountsScope units={units} root={currencyRoot(value.currencies)} base={value.segments}>
      <ScopedValue value={value.value} steps={[]} />
    </AmountsScope>
  ) : (
    <span>{t('fieldHistory.absent')}</span>
  );
  return (
    <>
      <p className="muted small" data-testid="field-history-summary">
        <Message k={value.historyCount === 0 ? 'fieldHistory.summary.none' : 'fieldHistory.summary'} values={{ count: value.historyCount, upTo: value.upTo }} components={{ value: now }} />
      </p>
      <HistoryList history={value.history} count={value.historyCount} streamId={streamId} amounts={{ units, segments: value.segments }} />
    </>
  );
}
