// What main says when a replay, diff, what-if or drift check cannot be done as asked: English as
// main has always written it, and 简体中文 with the same facts. Stream ids, projection, table and
// column names stay as stored; "from <= to" and "upTo" are the request's own terms.
export const en = {
  'errorWords.replay.tooDeep.replay': 'The state is nested too deeply to replay.',
  'errorWords.replay.tooDeep.blame': 'The state is nested too deeply to compute blame.',
  'errorWords.replay.tooDeep.diff': 'The state is nested too deeply to diff.',
  'errorWords.replay.tooDeep.history': 'The state is nested too deeply to compute the history.',
  'errorWords.replay.tooDeep.compare': 'The state is nested too deeply to compare.',
  'errorWords.replay.noVersion': "Stream '{{streamId}}' has versions 0 to {{current}}; version {{version}} does not exist.",
  'errorWords.replay.versionOrTime': 'Give either a version or a time.',
  'errorWords.replay.missingEvents': "Stream '{{streamId}}' is missing events: replay stopped at version {{version}} of {{target}}.",
  'errorWords.replay.unknownProjection': "Unknown projection '{{name}}'. Available: {{names}}.",
  'errorWords.replay.diffOrder': 'Diff needs from <= to; got {{from}} and {{to}}.',
  'errorWords.replay.historyOrder': 'A history needs from <= upTo; got {{from}} and {{upTo}}.',
  'errorWords.whatIf.cannotSkip': "Side {{side}} cannot skip version {{version}}: stream '{{streamId}}' has versions 1 to {{current}}.",
  'errorWords.drift.whichTable': 'Which table holds the read model? Give its name.',
  'errorWords.drift.whichKey': "Which column of '{{table}}' holds the row's key? Give its name.",
  'errorWords.drift.whichColumns': "Which column(s) of '{{table}}' hold the read model? Give at least one.",
  'errorWords.drift.columnTwice': 'A column is named twice: {{columns}}.',
  'errorWords.drift.noTables': 'This store ({{adapter}}) cannot read tables other than its events, so there is no read model to compare with.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.replay.tooDeep.replay': '状态嵌套过深，无法回放。',
  'errorWords.replay.tooDeep.blame': '状态嵌套过深，无法计算来源事件。',
  'errorWords.replay.tooDeep.diff': '状态嵌套过深，无法比较差异。',
  'errorWords.replay.tooDeep.history': '状态嵌套过深，无法计算历史。',
  'errorWords.replay.tooDeep.compare': '状态嵌套过深，无法比较。',
  'errorWords.replay.noVersion': '流“{{streamId}}”的版本为 0 至 {{current}}；版本 {{version}} 不存在。',
  'errorWords.replay.versionOrTime': '请给出一个版本或一个时间。',
  'errorWords.replay.missingEvents': '流“{{streamId}}”缺少事件：回放停在版本 {{version}}（目标 {{target}}）。',
  'errorWords.replay.unknownProjection': '未知的投影“{{name}}”。可用的投影：{{names}}。',
  'errorWords.replay.diffOrder': '差异比较要求 from <= to；收到的是 {{from}} 和 {{to}}。',
  'errorWords.replay.historyOrder': '历史要求 from <= upTo；收到的是 {{from}} 和 {{upTo}}。',
  'errorWords.whatIf.cannotSkip': '{{side}} 侧不能跳过版本 {{version}}：流“{{streamId}}”的版本为 1 至 {{current}}。',
  'errorWords.drift.whichTable': '哪张表保存读模型？请给出表名。',
  'errorWords.drift.whichKey': '“{{table}}”的哪一列保存行的键？请给出列名。',
  'errorWords.drift.whichColumns': '“{{table}}”的哪些列保存读模型？请至少给出一列。',
  'errorWords.drift.columnTwice': '有一列被指定了两次：{{columns}}。',
  'errorWords.drift.noTables': '此存储（{{adapter}}）只能读取其事件，不能读取其他表，因此没有可比较的读模型。',
};
