// What main's tools refuse and why: an import's preview, lines and mappings, an import or copy that
// would drop records, the demo generator's options, a bundle to seal, an export format, a masking
// secret, a projection reloaded mid-replay, PostgreSQL session options: English exactly as main has
// always written it, and 简体中文 with the same facts. Paths, flags, formats and names stay as written.
export const en = {
  // Sizes of a limit (import/lineSplitter.ts limitWords).
  'errorWords.size.megabytes': '{{n}} MB',
  'errorWords.size.kilobytes': '{{n}} KB',
  'errorWords.size.bytes': '{{n}} bytes',
  // Imports and verified copies.
  'errorWords.importRun.previewSlow': 'Previewing {{path}} took longer than {{seconds}} s without a record; is the file on a slow or stalled disk?',
  'errorWords.importRun.previewNoRecord': 'The first {{size}} of {{path}} hold no record to preview.',
  'errorWords.importRun.lineTooLong': 'Line {{line}} is longer than the {{size}} limit for one record; is this really an NDJSON file?',
  'errorWords.importRun.tableNeedsUrl': '--table and its --map name columns of a PostgreSQL table; give a postgres:// URL with them, not a file.',
  'errorWords.importRun.tableNeedsUrlToOpen': '--table and --map name columns of a PostgreSQL table; give a postgres:// URL with them, not a file.',
  'errorWords.importRun.badMapping': "Mapping '{{pair}}' must be target=sourceField with target one of {{targets}}.",
  'errorWords.importRun.workerFailed': "The import's parse worker failed: {{error}}",
  'errorWords.importRun.workerStopped': 'The import’s parse worker stopped before the end of the file.',
  'errorWords.importRun.threadFailed': "The import's thread failed, so nothing was imported: {{error}}",
  'errorWords.importRun.threadStopped': "The import's thread stopped before it finished (exit code {{code}}), so nothing was imported.",
  'errorWords.importRun.copyRefused':
    '{{bad}} of {{records}} events of {{path}} cannot be copied as they are, so no copy was made (first: position {{position}}: {{problem}}). A verified copy keeps every event as the store holds it; run the store\'s checks (ledger verify, or "Check what can be checked") to see what is wrong with it.',
  'errorWords.importRun.invalidRecords':
    '{{bad}} of {{records}} records are invalid, so nothing was imported (first: line {{line}}: {{problem}}). Fix them, map fields with --map, or pass --skip-bad to import the rest.',
  // The demo generator's options ({{name}} is the option as the caller names it).
  'errorWords.demo.tooFewEvents': '{{streams}} streams need at least {{floor}} events; --events is {{total}}.',
  'errorWords.demo.badInteger': '{{name}} must be an integer >= {{min}}, got {{value}}.',
  'errorWords.demo.badTime': 'start must be a valid time and spanDays positive.',
  'errorWords.demo.exists': '{{path}} already exists; pass --force to replace it.',
  // Sealing an export bundle.
  'errorWords.bundle.noFiles': 'A bundle needs at least one file.',
  'errorWords.bundle.oneFolder': 'Every file of a bundle is in one folder; {{file}} is not in {{folder}}.',
  // Exports, masking, projections.
  'errorWords.export.unknownFormat': "Unknown export format '{{format}}'; use {{formats}}.",
  'errorWords.mask.secretTooShort': 'A masking secret must be at least {{bytes}} bytes.',
  'errorWords.mask.badBundleId': "A bundle id may hold letters, digits, '.', '_' and '-' only, got '{{id}}'.",
  'errorWords.projection.reloaded': "The projection '{{name}}' was reloaded or unloaded while this replay ran; ask again.",
  // A PostgreSQL session's options.
  'errorWords.pgOption.badStatementTimeout': 'Not a valid statement timeout: {{value}}.',
  'errorWords.pgOption.badChunkSize': 'Not a valid chunk size: {{value}}.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.size.megabytes': '{{n}} MB',
  'errorWords.size.kilobytes': '{{n}} KB',
  'errorWords.size.bytes': '{{n}} 字节',
  'errorWords.importRun.previewSlow': '预览 {{path}} 超过 {{seconds}} 秒仍未读到任何记录；该文件是否位于缓慢或停滞的磁盘上？',
  'errorWords.importRun.previewNoRecord': '{{path}} 的前 {{size}} 中没有可预览的记录。',
  'errorWords.importRun.lineTooLong': '第 {{line}} 行超过了单条记录 {{size}} 的上限；这真的是 NDJSON 文件吗？',
  'errorWords.importRun.tableNeedsUrl': '--table 及其 --map 指定的是 PostgreSQL 表的列；请与它们一起给出 postgres:// URL，而不是文件。',
  'errorWords.importRun.tableNeedsUrlToOpen': '--table 和 --map 指定的是 PostgreSQL 表的列；请与它们一起给出 postgres:// URL，而不是文件。',
  'errorWords.importRun.badMapping': '映射“{{pair}}”必须写成 target=sourceField，其中 target 是 {{targets}} 之一。',
  'errorWords.importRun.workerFailed': '导入的解析工作线程失败：{{error}}',
  'errorWords.importRun.workerStopped': '导入的解析工作线程在文件结束前就停止了。',
  'errorWords.importRun.threadFailed': '导入线程失败，因此没有导入任何内容：{{error}}',
  'errorWords.importRun.threadStopped': '导入线程在完成前停止（退出代码 {{code}}），因此没有导入任何内容。',
  'errorWords.importRun.copyRefused':
    '{{path}} 的 {{records}} 个事件中有 {{bad}} 个无法原样复制，因此没有制作副本（第一个：位置 {{position}}：{{problem}}）。经过校验的副本会按存储中的原样保留每个事件；请运行存储的检查（ledger verify，或“执行可进行的检查”）查看它有什么问题。',
  'errorWords.importRun.invalidRecords': '{{records}} 条记录中有 {{bad}} 条无效，因此没有导入任何内容（第一条：第 {{line}} 行：{{problem}}）。请修正它们、用 --map 映射字段，或加上 --skip-bad 导入其余记录。',
  'errorWords.demo.tooFewEvents': '{{streams}} 个流至少需要 {{floor}} 个事件；--events 为 {{total}}。',
  'errorWords.demo.badInteger': '{{name}} 必须是 >= {{min}} 的整数，实际为 {{value}}。',
  'errorWords.demo.badTime': 'start 必须是有效的时间，且 spanDays 必须为正数。',
  'errorWords.demo.exists': '{{path}} 已存在；加上 --force 即可替换它。',
  'errorWords.bundle.noFiles': '导出包至少需要一个文件。',
  'errorWords.bundle.oneFolder': '导出包的所有文件都在同一个文件夹中；{{file}} 不在 {{folder}} 中。',
  'errorWords.export.unknownFormat': '未知的导出格式“{{format}}”；请使用 {{formats}}。',
  'errorWords.mask.secretTooShort': '脱敏密钥至少需要 {{bytes}} 字节。',
  'errorWords.mask.badBundleId': "导出包 ID 只能包含字母、数字、'.'、'_' 和 '-'，实际为“{{id}}”。",
  'errorWords.projection.reloaded': '此次重放运行期间，投影“{{name}}”被重新加载或卸载了；请重新请求。',
  'errorWords.pgOption.badStatementTimeout': '不是有效的语句超时：{{value}}。',
  'errorWords.pgOption.badChunkSize': '不是有效的分块大小：{{value}}。',
};
