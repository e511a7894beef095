import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { formatBytes, formatCount, formatDuration, localTimeTitle } from './format.ts';

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
    expect(localTimeTitle('2026-04-11T11:47:07.709Z')).toMatch(/^本地时间：2026/);
  });
});
