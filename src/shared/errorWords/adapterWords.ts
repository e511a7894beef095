// What kind of store is open (StoreInfo.adapter, shown on the Verify screen, by ledger info, in
// reports and inside messages about it): English exactly as main has always written it, and 简体中文.
// Product names (Replay Ledger, Emmett, Marten, Message DB, PostgreSQL) and the session's user stay as written.
export const en = {
  'errorWords.adapter.ledger': 'Replay Ledger store (schema {{schema}})',
  'errorWords.adapter.ledgerSnapshot': 'Replay Ledger store (schema {{schema}}) (WAL-mode file, read from a private snapshot)',
  'errorWords.adapter.emmett': 'Emmett SQLite event store (read-only adapter)',
  'errorWords.adapter.emmettSnapshot': 'Emmett SQLite event store (read-only adapter, WAL-mode file read from a private snapshot)',
  'errorWords.adapter.postgres': '{{layout}} on PostgreSQL {{version}} (read-only session as {{user}})',
  'errorWords.adapter.layout.mappedTable': 'Mapped table',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.adapter.ledger': 'Replay Ledger 存储（架构版本 {{schema}}）',
  'errorWords.adapter.ledgerSnapshot': 'Replay Ledger 存储（架构版本 {{schema}}）（WAL 模式的文件，从私有快照读取）',
  'errorWords.adapter.emmett': 'Emmett SQLite 事件存储（只读适配器）',
  'errorWords.adapter.emmettSnapshot': 'Emmett SQLite 事件存储（只读适配器，WAL 模式的文件从私有快照读取）',
  'errorWords.adapter.postgres': 'PostgreSQL {{version}} 上的 {{layout}}（以 {{user}} 身份的只读会话）',
  'errorWords.adapter.layout.mappedTable': '映射的表',
};
