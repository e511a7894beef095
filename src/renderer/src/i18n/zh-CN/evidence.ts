import type { evidence as en } from '../en/evidence.ts';

export const evidence: Partial<Record<keyof typeof en, string>> = {
  'evidence.nav': '证据',
  'evidence.tabs': '证据',
  'evidence.tab.notes': '案件备注',
  'evidence.tab.activity': '活动日志',
  'evidence.tab.keys': '签名密钥',
};
