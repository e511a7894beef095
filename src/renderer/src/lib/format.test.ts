import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { formatBytes, formatCount, formatDuration, formatTime, formatTimeShort, otherZoneTitle, wallClockText } from './format.ts';
import { getTimeMode, pinLocalZoneForTests, setTimeMode } from './timeZone.ts';

describe('display formats in the reader language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says sizes, durations and counts in English', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.00 MB (5,242,880 bytes)');
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(12_300)).toBe('12.3 s');
    expect(formatDuration(3 * 86_400_000)).toBe('3.0 days');
  });

  it('says them in Chinese after a switch, digits grouped the same way', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.00 MB（5,242,880 字节）');
    expect(formatDuration(12_300)).toBe('12.3 秒');
    expect(formatDuration(3 * 86_400_000)).toBe('3.0 天');
    pinLocalZoneForTests('Asia/Shanghai');
    expect(otherZoneTitle('2026-04-11T11:47:07.709Z')).toBe('本地时间（Asia/Shanghai）：2026-04-11 19:47:07.709 +08:00');
  });
});

describe('times in the clock chosen in the header', () => {
  afterEach(() => {
    setTimeMode('utc');
    pinLocalZoneForTests(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('reads UTC by default, the zone named, the local time offered as the tooltip', () => {
    pinLocalZoneForTests('Asia/Kolkata');
    expect(getTimeMode()).toBe('utc');
    expect(formatTime('2026-04-11T11:47:07.709Z')).toBe('2026-04-11 11:47:07.709Z');
    expect(formatTimeShort('2026-04-11T11:47:07.709Z')).toBe('2026-04-11 11:47:07Z');
    expect(otherZoneTitle('2026-04-11T11:47:07.709Z')).toBe('Local time (Asia/Kolkata): 2026-04-11 17:17:07.709 +05:30');
  });

  it('reads local time with the offset of that instant (daylight saving included), UTC in the tooltip', () => {
    setTimeMode('local');
    pinLocalZoneForTests('Europe/Berlin');
    expect(formatTime('2026-01-15T10:00:00.000Z')).toBe('2026-01-15 11:00:00.000 +01:00');
    expect(formatTime('2026-07-15T10:00:00.000Z')).toBe('2026-07-15 12:00:00.000 +02:00');
    expect(formatTimeShort('2026-07-15T10:00:00.250Z')).toBe('2026-07-15 12:00:00 +02:00');
    expect(otherZoneTitle('2026-07-15T10:00:00.000Z')).toBe('UTC: 2026-07-15 10:00:00.000Z');
    // Midnight rolls the date; a zone west of UTC has a minus offset.
    pinLocalZoneForTests('America/New_York');
    expect(formatTime('2026-03-01T02:30:00.000Z')).toBe('2026-02-28 21:30:00.000 -05:00');
    expect(wallClockText(Date.parse('2026-03-01T02:30:00.000Z'))).toBe('2026-02-28 21:30:00.000');
    pinLocalZoneForTests('UTC');
    expect(formatTime('2026-03-01T02:30:00.000Z')).toBe('2026-03-01 02:30:00.000 +00:00');
  });

  it('shows what is not a time unchanged, in either clock', () => {
    setTimeMode('local');
    expect(formatTime('not a time')).toBe('not a time');
    expect(formatTime(null)).toBe('—');
    expect(otherZoneTitle('nope')).toBeUndefined();
  });
});
