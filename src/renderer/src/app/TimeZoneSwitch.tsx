// The header's clock switch: times in UTC (the audit default) or in the reader's zone, which it names.
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/index.ts';
import { getLocalZone, getTimeMode, setTimeMode, subscribeTimeMode, type TimeMode } from '../lib/timeZone.ts';

/** `+05:30` for the reader's zone now, so the option says which clock "local" is. */
function offsetNow(zone: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.replace(/^GMT/, '');
}

export function TimeZoneSwitch() {
  const t = useT();
  const mode = useSyncExternalStore(subscribeTimeMode, getTimeMode, getTimeMode);
  const zone = getLocalZone();
  return (
    <select
      className="language-switch time-zone-switch"
      value={mode}
      onChange={(e) => setTimeMode(e.target.value as TimeMode)}
      aria-label={t('timeZone.label')}
      title={t('timeZone.title', { zone, offset: offsetNow(zone) })}
      data-testid="time-zone-switch"
    >
      <option value="utc">{t('timeZone.utc')}</option>
      <option value="local">{t('timeZone.local')}</option>
    </select>
  );
}
