// What main says when a case note, a signing key or a report request cannot be used: English as
// main has always written it, and 简体中文 with the same facts. Paths, key names, fingerprints,
// commands (`ledger keys init`, `chmod 600`) and stream ids stay as written.
export const en = {
  'errorWords.note.needsText': 'A note needs some text.',
  'errorWords.note.tooLong': 'A note can hold at most {{max}} characters; this one has {{length}}.',
  'errorWords.note.notAStoreKey': 'That is not a store key.',
  'errorWords.note.cannotRead': 'The notes file {{path}} cannot be read: {{error}}.',
  'errorWords.note.damaged': "The notes file {{path}} is damaged, so this store's notes cannot be shown or changed. It is kept as it is: repair it or move it aside to start afresh.",
  'errorWords.key.nameTooLong': 'A signer name has at most {{max}} characters.',
  'errorWords.key.cannotReadIdentity': 'Cannot read the signing identity {{path}}: {{error}}',
  'errorWords.key.keychainUnavailable':
    'This signing key ({{name}}) is kept encrypted by the Replay Ledger app in the system keychain, which is not available here. Sign from the app, or use another LEDGER_HOME with its own key.',
  'errorWords.key.readableByOthers': 'The private key {{path}} can be read by other users (mode {{mode}}); run `chmod 600 {{path}}` before signing with it.',
  'errorWords.key.cannotReadPrivate': 'Cannot read the private signing key in {{path}}: {{error}}',
  'errorWords.key.privateDamaged': 'The private signing key in {{path}} is damaged.',
  'errorWords.key.privateMismatch': 'The private signing key in {{path}} does not belong to the identity {{fingerprint}}.',
  'errorWords.report.startOutside': "Stream '{{streamId}}' has versions 1 to {{last}}; the range cannot start at {{from}}.",
  'errorWords.report.rangeOutside': "Stream '{{streamId}}' has versions 1 to {{last}}; the range {{from}} to {{to}} is not inside them.",
  'errorWords.report.noStateAt': "Stream '{{streamId}}' has states at versions 0 to {{last}}; there is none at {{versions}}.",
  'errorWords.report.tooManyVersions': 'A report shows at most {{max}} states; {{count}} versions were given.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.note.needsText': '备注需要填写内容。',
  'errorWords.note.tooLong': '一条备注最多 {{max}} 个字符；这条有 {{length}} 个。',
  'errorWords.note.notAStoreKey': '这不是存储的标识键。',
  'errorWords.note.cannotRead': '无法读取备注文件 {{path}}：{{error}}。',
  'errorWords.note.damaged': '备注文件 {{path}} 已损坏，因此无法显示或修改此存储的备注。文件保持原样：请修复它，或将其移开以重新开始。',
  'errorWords.key.nameTooLong': '签名者名称最多 {{max}} 个字符。',
  'errorWords.key.cannotReadIdentity': '无法读取签名身份 {{path}}：{{error}}',
  'errorWords.key.keychainUnavailable': '此签名密钥（{{name}}）由 Replay Ledger 应用加密保存在系统钥匙串中，而这里无法使用钥匙串。请在应用中签名，或使用另一个带有自己密钥的 LEDGER_HOME。',
  'errorWords.key.readableByOthers': '私钥 {{path}} 可被其他用户读取（权限 {{mode}}）；签名前请先运行 `chmod 600 {{path}}`。',
  'errorWords.key.cannotReadPrivate': '无法读取 {{path}} 中的签名私钥：{{error}}',
  'errorWords.key.privateDamaged': '{{path}} 中的签名私钥已损坏。',
  'errorWords.key.privateMismatch': '{{path}} 中的签名私钥不属于身份 {{fingerprint}}。',
  'errorWords.report.startOutside': '流“{{streamId}}”的版本为 1 至 {{last}}；范围不能从 {{from}} 开始。',
  'errorWords.report.rangeOutside': '流“{{streamId}}”的版本为 1 至 {{last}}；范围 {{from}} 至 {{to}} 不在其中。',
  'errorWords.report.noStateAt': '流“{{streamId}}”的状态位于版本 0 至 {{last}}；{{versions}} 处没有状态。',
  'errorWords.report.tooManyVersions': '一份报告最多显示 {{max}} 个状态；给出了 {{count}} 个版本。',
};
