import type { masking as en } from '../en/masking.ts';

export const masking: Partial<Record<keyof typeof en, string>> = {
  'masking.pattern.email': '电子邮件地址',
  'masking.pattern.card': '银行卡号（经 Luhn 校验）',
  'masking.pattern.iban': 'IBAN（经 mod-97 校验）',
  'masking.pattern.phone': '电话号码',
  'masking.policy.default': '默认策略',
  'masking.policy.custom': '自定义策略',
  'masking.policy.patterns_other': '{{count, number}} 种模式',
  'masking.policy.paths_other': '{{count, number}} 条路径',
  'masking.policy.describe': '{{policy}}：{{patterns}}，{{paths}}。',
  'masking.policy': '脱敏策略',
  'masking.looksLike': '对看起来像以下内容的值进行脱敏',
  'masking.paths': '对这些路径脱敏，每行一条（data.customer.email、metadata.actor、data.items[].name、data.*.email）',
  'masking.apply': '应用',
  'masking.useDefault': '使用默认策略',
  'masking.on.title': '脱敏已开启：个人数据显示为 masked:… 令牌（相同的值对应相同的令牌），导出也会脱敏。点击以按存储原样显示数据。',
  'masking.off.title': '脱敏已关闭：数据按存储原样显示。点击以在屏幕和导出中对个人数据脱敏。',
  'masking.masked': '已脱敏',
  'masking.mask': '脱敏',
  'masking.choose': '选择要脱敏的内容',
};
