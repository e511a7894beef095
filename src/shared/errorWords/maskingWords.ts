// What main says when a masking path, pattern or policy file cannot be used, and when no store is
// open: English as main has always written it, and 简体中文 with the same facts. Paths as typed,
// pattern names, JSON and the parser's own text stay as written.
export const en = {
  'errorWords.mask.examples': 'Paths look like data.customer.email, metadata.actor, data.items[].name or data.*.email.',
  'errorWords.mask.empty': 'A masking path is empty. {{examples}}',
  'errorWords.mask.tooLong': 'A masking path is longer than 1024 characters. {{examples}}',
  'errorWords.mask.unreadable': "The masking path '{{path}}' cannot be read at character {{at}}: {{why}}. {{examples}}",
  'errorWords.mask.why.root': "a path starts with 'data' or 'metadata'",
  'errorWords.mask.why.rootNot': "a path starts with 'data' or 'metadata', not '{{root}}'",
  'errorWords.mask.why.nameAfterDot': "expected a name or * after '.'",
  'errorWords.mask.why.bracketNotClosed': "'[' is not closed by ']'",
  'errorWords.mask.why.notQuotedKey': '{{inside}} is not a quoted key',
  'errorWords.mask.why.insideBrackets': 'inside [ ] goes nothing (any element), *, an index or a "quoted key", not \'{{inside}}\'',
  'errorWords.mask.why.unexpected': "expected '.' or '[' but found '{{found}}'",
  'errorWords.mask.noPattern': "There is no masking pattern '{{pattern}}'. Use {{patterns}} or pattern:all.",
  'errorWords.mask.policyNoRules': 'The masking policy {{path}} has no rules: give "paths", "patterns" or both.',
  'errorWords.mask.policyPath': 'The masking policy {{path}}, paths[{{index}}]: {{problem}}',
  'errorWords.session.noStore': 'No store is open. Open a file or the demo store first.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.mask.examples': '路径形如 data.customer.email、metadata.actor、data.items[].name 或 data.*.email。',
  'errorWords.mask.empty': '脱敏路径为空。{{examples}}',
  'errorWords.mask.tooLong': '脱敏路径超过 1024 个字符。{{examples}}',
  'errorWords.mask.unreadable': '无法读取脱敏路径“{{path}}”的第 {{at}} 个字符：{{why}}。{{examples}}',
  'errorWords.mask.why.root': '路径须以 data 或 metadata 开头',
  'errorWords.mask.why.rootNot': '路径须以 data 或 metadata 开头，而不是“{{root}}”',
  'errorWords.mask.why.nameAfterDot': '“.”之后应为名称或 *',
  'errorWords.mask.why.bracketNotClosed': '“[”没有以“]”闭合',
  'errorWords.mask.why.notQuotedKey': '{{inside}} 不是带引号的键',
  'errorWords.mask.why.insideBrackets': '[ ] 内只能为空（任意元素）、*、索引或“带引号的键”，而不是“{{inside}}”',
  'errorWords.mask.why.unexpected': '应为“.”或“[”，读到的是“{{found}}”',
  'errorWords.mask.noPattern': '没有名为“{{pattern}}”的脱敏模式。请使用 {{patterns}} 或 pattern:all。',
  'errorWords.mask.policyNoRules': '脱敏策略 {{path}} 没有规则：请给出 "paths"、"patterns" 或两者。',
  'errorWords.mask.policyPath': '脱敏策略 {{path}}，paths[{{index}}]：{{problem}}',
  'errorWords.session.noStore': '没有打开的存储。请先打开一个文件或演示存储。',
};
