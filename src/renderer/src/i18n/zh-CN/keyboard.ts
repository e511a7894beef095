import type { keyboard as en } from '../en/keyboard.ts';

export const keyboard: Partial<Record<keyof typeof en, string>> = {
  'keyboard.notes.table': '案例笔记',
  'keyboard.activity.table': '活动日志',
  'keyboard.skip': '跳到主要内容',
  'shortcuts.table.keys': '↑ ↓、Home / End、PgUp / PgDn',
  'shortcuts.table': '表格或列表获得焦点后在其中移动（每个表格只占一个 Tab 位置）',
  'shortcuts.plot.keys': '← →（按住 Shift 选择）、Enter、+ / −、PgUp / PgDn、Home',
  'shortcuts.plot': '在事件时间分布图中：选择柱、缩小到所选时间、放大 / 缩小、平移、重置',
  'shortcuts.skip.keys': 'Tab（第一次）',
  'shortcuts.skip': '跳到主要内容：越过页眉，直接到页面本身',
  'plot.keys.label': '事件时间分布。方向键选择柱，Enter 将时间范围缩小到所选柱，加号和减号缩放，Page Up 和 Page Down 平移，Home 重置。',
  'plot.keys.bar': '{{time}}：{{count, number}} 个事件',
  'plot.keys.selection': '{{from}} 至 {{to}}：{{bars, number}} 个柱中共 {{count, number}} 个事件。按 Enter 缩小到该范围。',
  'plot.table.show': '以表格显示',
  'plot.table.hide': '隐藏表格',
  'plot.table.caption': '每个时间段的事件数，按类型',
  'plot.table.start': '起始（UTC）',
  'plot.table.total': '合计',
};
