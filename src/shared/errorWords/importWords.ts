// What main says when an import's input cannot be read as JSON or CSV, or its target cannot be
// written: English as main has always written it, and 简体中文 with the same facts. What the
// file holds ({{found}}) and the parser's own text ({{error}}) stay as written.
export const en = {
  'errorWords.import.cancelled': 'Reading the file was cancelled.',
  'errorWords.import.jsonNotArray': "Line {{line}}: a JSON import must be an array of events ([ … ]); found '{{found}}'.",
  'errorWords.import.jsonBetween': "Line {{line}}: expected ',' or ']' between array elements, found '{{found}}'.",
  'errorWords.import.jsonAfterEnd': 'Line {{line}}: unexpected text after the end of the JSON array.',
  'errorWords.import.jsonNotClosed': 'The JSON array is not closed: the file ends at line {{line}} inside it.',
  'errorWords.import.csvRepeats': 'Line {{line}}: the CSV header repeats a column name.',
  'errorWords.import.csvUnreadable': 'Line {{line}}: the CSV cannot be read ({{error}}).',
  'errorWords.import.targetIsInput': 'The import target must be a new file, not the input itself.',
  'errorWords.import.targetExists': '{{path}} already exists. Imports always create new files and never replace one; choose another file name.',
  'errorWords.import.targetAppeared': '{{path}} appeared while the import ran; it was left as it is and nothing was imported. Choose another file name.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.import.cancelled': '已取消读取文件。',
  'errorWords.import.jsonNotArray': '第 {{line}} 行：JSON 导入必须是事件数组（[ … ]）；读到的是“{{found}}”。',
  'errorWords.import.jsonBetween': '第 {{line}} 行：数组元素之间应为“,”或“]”，读到的是“{{found}}”。',
  'errorWords.import.jsonAfterEnd': '第 {{line}} 行：JSON 数组结束后还有多余的文本。',
  'errorWords.import.jsonNotClosed': 'JSON 数组没有闭合：文件在第 {{line}} 行、数组内部结束。',
  'errorWords.import.csvRepeats': '第 {{line}} 行：CSV 表头中有重复的列名。',
  'errorWords.import.csvUnreadable': '第 {{line}} 行：无法读取 CSV（{{error}}）。',
  'errorWords.import.targetIsInput': '导入目标必须是一个新文件，而不是输入文件本身。',
  'errorWords.import.targetExists': '{{path}} 已存在。导入总是创建新文件，从不替换已有文件；请换一个文件名。',
  'errorWords.import.targetAppeared': '导入进行期间出现了 {{path}}；它保持原样，没有导入任何内容。请换一个文件名。',
};
