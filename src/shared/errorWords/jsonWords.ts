// Why a value cannot be stored as JSON (canonicalJson.ts), and what the value was (an event's data,
// its metadata, its recordedAt): English exactly as main has always written it, and 简体中文.
export const en = {
  'errorWords.json.nonFinite': 'The {{what}} contains a non-finite number ({{value}}), which JSON cannot represent.',
  'errorWords.json.tooDeep': 'The {{what}} is nested deeper than {{depth}} levels.',
  'errorWords.json.bigint': 'The {{what}} contains a BigInt, which JSON cannot represent; store it as a string.',
  'errorWords.json.notJson': 'The {{what}} contains a {{kind}}, which is not JSON.',
  'errorWords.json.what.value': 'value',
  'errorWords.json.what.data': 'data',
  'errorWords.json.what.metadata': 'metadata',
  'errorWords.json.what.activityEntry': 'activity entry',
  'errorWords.json.what.maskedValue': 'masked value',
  'errorWords.json.what.dataOfEvent': 'data of event #{{n}}',
  'errorWords.json.what.metadataOfEvent': 'metadata of event #{{n}}',
  'errorWords.json.what.recordedAtOfEvent': 'recordedAt of event #{{n}}',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.json.nonFinite': '{{what}}包含非有限数字（{{value}}），JSON 无法表示。',
  'errorWords.json.tooDeep': '{{what}}的嵌套超过 {{depth}} 层。',
  'errorWords.json.bigint': '{{what}}包含 BigInt，JSON 无法表示；请将它存为字符串。',
  // The kind is JavaScript's own name for it (function, symbol, undefined).
  'errorWords.json.notJson': '{{what}}包含 {{kind}}，它不是 JSON。',
  'errorWords.json.what.value': '该值',
  'errorWords.json.what.data': '数据',
  'errorWords.json.what.metadata': '元数据',
  'errorWords.json.what.activityEntry': '活动记录条目',
  'errorWords.json.what.maskedValue': '脱敏的值',
  'errorWords.json.what.dataOfEvent': '第 {{n}} 个事件的数据',
  'errorWords.json.what.metadataOfEvent': '第 {{n}} 个事件的元数据',
  'errorWords.json.what.recordedAtOfEvent': '第 {{n}} 个事件的 recordedAt',
};
