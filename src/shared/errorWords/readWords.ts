// What main says when something asked for is not there (a stream, an event, a note, a job): English
// as main has always written it, and 简体中文 with the same facts; ids stay as stored.
export const en = {
  'errorWords.read.noStream': "There is no stream '{{streamId}}' in this store.",
  'errorWords.read.noEventAt': 'There is no event at position {{position}}.',
  'errorWords.read.noEventId': "There is no event with id '{{id}}'.",
  'errorWords.read.noNote': "There is no note '{{id}}' for this store.",
  'errorWords.read.noteIdAmbiguous': "'{{typed}}' starts {{count}} notes' ids: give more of it.",
  'errorWords.read.noJob': "There is no job '{{id}}'.",
  'errorWords.read.noReport': 'There is no finished report to print: create the report first.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.read.noStream': '此存储中没有流“{{streamId}}”。',
  'errorWords.read.noEventAt': '位置 {{position}} 处没有事件。',
  'errorWords.read.noEventId': '没有 ID 为“{{id}}”的事件。',
  'errorWords.read.noNote': '此存储没有备注“{{id}}”。',
  'errorWords.read.noteIdAmbiguous': '“{{typed}}”是 {{count}} 条备注 ID 的开头：请多输入几位。',
  'errorWords.read.noJob': '没有任务“{{id}}”。',
  'errorWords.read.noReport': '没有可打印的已完成报告：请先创建报告。',
};
