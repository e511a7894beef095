import type { components as en } from '../en/components.ts';

export const components: Partial<Record<keyof typeof en, string>> = {
  'copy.copy': '复制',
  'copy.copied': '已复制',
  'copy.refused': '无法复制',
  'job.running': '运行中',
  'job.starting': '正在开始…',
  'safeText.invisible': '不可见字符或控制字符',
  'json.showMoreCharacters_other': '再显示 {{count, number}} 个字符（共 {{total, number}} 个）',
  'json.showMoreEntries_other': '再显示 {{count, number}} 项（共 {{total, number}} 项）',
  'json.numberAsStored': '按存储原样显示；JavaScript 数字会读作 {{value}}',
  'json.amount.stored_other': '存储值为 {{stored}}（最小货币单位，{{count}} 位小数）',
  'json.amount.noCurrency': '声明为货币，币种取自“{{field}}”，但此处没有有效的币种代码：按存储值显示。',
  'json.amount.notMinorUnits': '声明为以最小单位计的金额（{{scale}} 位小数），但不是整数：按存储值显示。',
  'json.collapse': '折叠',
  'json.expand': '展开',
  'json.shiftClick': '按住 Shift 点击可一次展开十层',
  'json.items_other': '{{count, number}} 项',
  'json.keys_other': '{{count, number}} 个键',
};
