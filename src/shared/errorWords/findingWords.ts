// What verification finds (a VerifyFinding's message, written by the checks in main/verify): English
// exactly as main has always written it (tests, --json and manifests match on it), 简体中文 with the
// same facts. Ids, types, table, column and index names, hashes and SQLite's own text stay as stored;
// a sentence that differs by a fragment in English ("is"/"are", an optional "between …") is two keys.
export const en = {
  // The hash chain (chainClassifier.ts).
  'errorWords.finding.edited': 'The event at position {{position}} does not match its hash: its stored fields (type, stream, version, time, data or metadata) were changed after it was recorded.',
  'errorWords.finding.editedOrPredecessorReplaced':
    'The event at position {{position}} does not match its hash, though it links to the event at position {{from}}: either its stored fields were changed after it was recorded, or the event at position {{from}} was replaced (its hash recomputed) and this link patched to match. Both are suspect; position {{lastVouched}} is the last the chain vouches for.',
  'errorWords.finding.replaced':
    'The event at position {{position}} hashes correctly but is not the event the chain recorded there: the event after it links to a different hash. It was replaced and its hash recomputed.',
  'errorWords.finding.inserted': 'The event at position {{position}} is not part of the hash chain: no later event links to it, and the chain continues around it.',
  'errorWords.finding.chainDeletedOne': 'Position {{position}} is missing from the chain: the event stored at position {{successor}} links to an event that is no longer in the store.',
  'errorWords.finding.chainDeletedRun': 'Positions {{from}}–{{to}} are missing from the chain: the event stored at position {{successor}} links to an event that is no longer in the store.',
  'errorWords.finding.renumberedToHideInsertion': '{{finding}} The events after it were renumbered by {{shift}} to hide the insertion.',
  'errorWords.finding.renumberedToHideGap': '{{finding}} The events after it were renumbered by {{shift}} to hide the gap.',
  'errorWords.finding.reorderedOne': 'The event stored at position {{position}} was recorded at position {{recordedAt}}: events were moved out of chain order.',
  'errorWords.finding.reorderedRun': 'Events stored at positions {{from}}–{{to}} are out of chain order (the one at {{from}} was recorded at position {{recordedAt}}).',
  'errorWords.finding.moved': 'The event recorded at position {{from}} was moved to position {{to}}: its content and hash are intact, but it no longer stands in chain order.',
  'errorWords.finding.movedFar':
    'The event recorded at position {{from}} was moved to position {{to}}: its content and hash are intact, but it no longer stands in chain order (the event at {{next}} links to it).',
  // The walk's reads of each row (chainWalk.ts).
  'errorWords.finding.walkStoppedAtStart': 'A damaged database page stopped the walk before any event could be read: {{error}}. Events from here on could not be read.',
  'errorWords.finding.walkStoppedAfter': 'A damaged database page stopped the walk after position {{position}} ({{read}} events read): {{error}}. Events from here on could not be read.',
  'errorWords.finding.derivedColumn': 'The {{column}} column of the event at position {{position}} holds {{have}} but its metadata says {{want}}: filters on {{field}} would show this event wrongly.',
  'errorWords.finding.storageType':
    "The {{column}} column of the event at position {{position}} is stored as {{stored}}, but the append path writes {{want}}: it was rewritten behind the append path's back.",
  'errorWords.finding.notUtf8':
    'The {{column}} of the event at position {{position}} holds bytes that are not valid UTF-8; the append path writes only UTF-8 text, so it was rewritten behind its back.',
  // ledger_head and a head recorded elsewhere (headChecks.ts).
  'errorWords.finding.headMissing': 'The ledger_head row is missing: the store has no record of its chain head.',
  'errorWords.finding.headTailDeletedOne':
    'The store ends at position {{last}}, but ledger_head records events up to position {{recorded}} with a head hash that no stored event has: the last event was deleted.',
  'errorWords.finding.headTailDeletedMany':
    'The store ends at position {{last}}, but ledger_head records events up to position {{recorded}} with a head hash that no stored event has: the last {{deleted}} events were deleted.',
  'errorWords.finding.headLastReplaced':
    'The last event (position {{position}}) is not the one ledger_head recorded: its hash differs from the recorded head. The event was replaced with a recomputed hash, or ledger_head was altered.',
  'errorWords.finding.headUnknown': 'ledger_head records head {{hash}} at position {{position}}, but no stored event has that hash.',
  'errorWords.finding.headTailAddedOne': 'ledger_head ends the chain at position {{head}}, but the store holds events up to position {{last}}: the event after it was added outside the append path.',
  'errorWords.finding.headTailAddedMany':
    'ledger_head ends the chain at position {{head}}, but the store holds events up to position {{last}}: the {{added}} events after it were added outside the append path.',
  'errorWords.finding.headSays': 'ledger_head says {{wrong}}.',
  'errorWords.finding.headSays.lastPosition': 'last_position {{recorded}} (its head hash is at position {{foundAt}})',
  'errorWords.finding.headSays.eventCount': 'event_count {{recorded}} ({{stored}} events are stored)',
  'errorWords.finding.headSays.streamCount': 'stream_count {{recorded}} ({{streams}} streams have events)',
  'errorWords.finding.expectedHeadMoved':
    'The recorded chain head {{hash}} is at position {{foundAt}}, not at {{at}} where it was recorded: events before it were added or removed and the chain renumbered.',
  'errorWords.finding.expectedHeadReplaced':
    'The event at position {{position}} no longer has the recorded chain head {{hash}}: history up to position {{position}} was rewritten, and the hashes recomputed to hide it.',
  'errorWords.finding.expectedHeadGone': "The recorded chain head {{hash}} is not in this store's chain: history was rewritten (hashes recomputed) or truncated since it was recorded.",
  // Indexes against the table (indexChecks.ts).
  'errorWords.finding.indexDisagrees':
    'Index {{index}} disagrees with the events table at position {{position}} ({{column}}: index {{indexValue}}, table {{tableValue}}): the index was edited behind SQLite’s back, so reads served from it (the replay) would show other values than the event itself. The file was tampered with; the table row is what the hash chain covers.',
  'errorWords.finding.indexEntryMissing':
    'Index {{index}} disagrees with the events table at position {{position}} ((entry missing): index none, table a row): the index was edited behind SQLite’s back, so reads served from it (the replay) would show other values than the event itself. The file was tampered with; the table row is what the hash chain covers.',
  'errorWords.finding.indexDisagreesUndescribed':
    'Index {{index}} disagrees with the events table at position {{position}}: the index was edited behind SQLite’s back, so reads served from it (the replay) would show other values than the event itself. The file was tampered with; the table row is what the hash chain covers.',
  'errorWords.finding.indexCount':
    'Index {{index}} holds {{entries}} entries for {{rows}} rows of the events table: entries were added to or removed from the index behind SQLite’s back (tampering).',
  // The schema (schemaCheck.ts).
  'errorWords.finding.tableMissing': 'The {{table}} table is missing.',
  'errorWords.finding.tableLacksColumns': 'The {{table}} table lacks column(s) {{columns}}.',
  'errorWords.finding.uniqueVersionGone': 'The UNIQUE (stream_id, version) constraint of the events table is gone: duplicate versions could have been inserted.',
  'errorWords.finding.triggerAdded': "A trigger '{{trigger}}' on {{table}} was added; the store's schema defines none, so something else rewrites rows as they are written.",
  // Stream versions and the streams table (streamChecks.ts).
  'errorWords.finding.version': 'version {{version}}',
  'errorWords.finding.versions': 'versions {{from}}–{{to}}',
  'errorWords.finding.deletedWasInStream': "{{finding}} It was {{versions}} of stream '{{streamId}}'.",
  'errorWords.finding.streamRowMissing': "Stream '{{streamId}}' has {{events}} events but no row in the streams table: it is missing from the stream list.",
  'errorWords.finding.streamRowDiffers': "The streams row of '{{streamId}}' says {{said}}; its events say {{truth}}.",
  'errorWords.finding.streamVersionTwice': "Stream '{{streamId}}' has two events with version {{version}} (positions {{first}} and {{second}}): one was inserted outside the append path.",
  'errorWords.finding.streamVersionsMissing': "Stream '{{streamId}}' is missing {{versions}}: those events were deleted.",
  'errorWords.finding.streamVersionsMissingBetween': "Stream '{{streamId}}' is missing {{versions}} between positions {{before}} and {{after}}: those events were deleted.",
  'errorWords.finding.streamVersionBefore': "Version {{version}} of stream '{{streamId}}' is stored at position {{position}}, before version {{previousVersion}} at position {{previous}}.",
  'errorWords.finding.streamWithoutEvents': "The streams table lists '{{streamId}}', but no event of that stream is stored: its events were deleted, or the row was added.",
  // The event_types and event_type_hours tables (typeChecks.ts, typeHourChecks.ts).
  'errorWords.finding.typeRowMissing': "{{events}} events of type '{{type}}' are stored, but the event_types table does not list that type.",
  'errorWords.finding.typeWithoutEvents': "The event_types table lists '{{type}}' with {{events}} events, but no event of that type is stored.",
  'errorWords.finding.typeRowDiffers': "The event_types row of '{{type}}' says {{events}} events from {{first}} to {{last}}; the events say {{actual}} from {{actualFirst}} to {{actualLast}}.",
  'errorWords.finding.hourRowMissing':
    "{{events}} events of type '{{type}}' are stored in the hour from {{hour}}, but the event_type_hours table has no row for it: the timeline's histogram would leave them out.",
  'errorWords.finding.hourRowDiffers':
    "The event_type_hours row of '{{type}}' for the hour from {{hour}} says {{stored}} events; the events say {{actual}}: the timeline's histogram would show a false count.",
  // SQLite's own check and damaged pages (verify.ts).
  'errorWords.finding.integrityCheck': 'SQLite integrity_check: {{problem}}',
  'errorWords.finding.passStopped': 'A damaged database page stopped a pass: {{error}}.',
  // Stores without a chain (verifyReader.ts).
  'errorWords.finding.positionTwice': 'Two events share global position {{position}}: positions must be unique.',
  'errorWords.finding.positionBackwards': "Global position {{position}} comes after {{previous}} in the store's read order: positions must increase.",
  'errorWords.finding.eventIdTwice': 'Event id {{eventId}} appears more than once (again at position {{position}}).',
  'errorWords.finding.versionJumpOne': "Stream '{{streamId}}' jumps from version {{from}} to {{to}}: version {{missing}} is missing.",
  'errorWords.finding.versionJumpMany': "Stream '{{streamId}}' jumps from version {{from}} to {{to}}: versions {{first}}–{{last}} are missing.",
  'errorWords.finding.versionTwice': "Stream '{{streamId}}' has version {{version}} twice (again at position {{position}}).",
  'errorWords.finding.versionBackwards': "Stream '{{streamId}}' has version {{version}} after version {{previous}}, at position {{position}}.",
  'errorWords.finding.summaryWithoutEvents': "The summary lists stream '{{streamId}}' (version {{version}}), but no event of it was read.",
  'errorWords.finding.summaryDiffers': "The summary of '{{streamId}}' says version {{version}} with {{events}} events; its events say version {{actualVersion}} with {{actualEvents}}.",
  'errorWords.finding.summaryMissing': "Stream '{{streamId}}' has {{events}} events but no summary.",
  'errorWords.finding.storeCountDiffers': 'The store counts {{counted}} events, but {{read}} were read.',
  'errorWords.finding.readBackDiffers': "Reading stream '{{streamId}}' on its own gives different events than the global log did ({{logEvents}}): the store's per-stream path and its log disagree.",
  'errorWords.finding.readBackCountDiffers': "Reading stream '{{streamId}}' on its own gives {{events}} events than the global log did ({{logEvents}}): the store's per-stream path and its log disagree.",
  // What a check without a chain says it did and cannot do (integrity.messages of a chainless report).
  'errorWords.check.noChain':
    'This store keeps no hash chain: versions, positions, summaries and read-back were checked, but an edit that keeps an event’s place (a changed amount) cannot be detected. A verified copy into a native store pins the history from now on.',
  'errorWords.check.readBackSample': 'Read back {{chosen}} of {{streams}} streams through their own path (an even sample plus every stream with a finding).',
  'errorWords.check.readBackAll': 'Read back all {{streams}} streams through their own path.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'errorWords.finding.edited': '位置 {{position}} 处的事件与其哈希不符：其存储的字段（类型、流、版本、时间、数据或元数据）在记录后被修改过。',
  'errorWords.finding.editedOrPredecessorReplaced':
    '位置 {{position}} 处的事件与其哈希不符，但它链接到位置 {{from}} 处的事件：要么其存储的字段在记录后被修改过，要么位置 {{from}} 处的事件被替换（重新计算了哈希），而此链接也被改得与之相符。两者都可疑；哈希链能担保的最后一个位置是 {{lastVouched}}。',
  'errorWords.finding.replaced': '位置 {{position}} 处的事件哈希校验正确，但它不是哈希链在此处记录的事件：其后的事件链接到另一个哈希。该事件已被替换，并重新计算了哈希。',
  'errorWords.finding.inserted': '位置 {{position}} 处的事件不属于哈希链：没有后续事件链接到它，哈希链绕过它继续。',
  'errorWords.finding.chainDeletedOne': '哈希链中缺少位置 {{position}}：存储在位置 {{successor}} 处的事件链接到一个已不在存储中的事件。',
  'errorWords.finding.chainDeletedRun': '哈希链中缺少位置 {{from}}–{{to}}：存储在位置 {{successor}} 处的事件链接到一个已不在存储中的事件。',
  'errorWords.finding.renumberedToHideInsertion': '{{finding}}其后的事件被重新编号（位移 {{shift}}），以掩盖这次插入。',
  'errorWords.finding.renumberedToHideGap': '{{finding}}其后的事件被重新编号（位移 {{shift}}），以掩盖这处缺口。',
  'errorWords.finding.reorderedOne': '存储在位置 {{position}} 处的事件记录时位于位置 {{recordedAt}}：有事件被移出了哈希链顺序。',
  'errorWords.finding.reorderedRun': '存储在位置 {{from}}–{{to}} 处的事件不符合哈希链顺序（位置 {{from}} 处的事件记录时位于位置 {{recordedAt}}）。',
  'errorWords.finding.moved': '记录于位置 {{from}} 的事件被移到了位置 {{to}}：其内容和哈希完好，但已不在哈希链顺序中。',
  'errorWords.finding.movedFar': '记录于位置 {{from}} 的事件被移到了位置 {{to}}：其内容和哈希完好，但已不在哈希链顺序中（位置 {{next}} 处的事件链接到它）。',
  'errorWords.finding.walkStoppedAtStart': '数据库页面损坏，遍历在读取任何事件之前就已中止：{{error}}。此后的事件无法读取。',
  'errorWords.finding.walkStoppedAfter': '数据库页面损坏，遍历在位置 {{position}} 之后中止（已读取 {{read}} 个事件）：{{error}}。此后的事件无法读取。',
  'errorWords.finding.derivedColumn': '位置 {{position}} 处事件的 {{column}} 列存有 {{have}}，但其元数据为 {{want}}：按 {{field}} 筛选时会错误地显示此事件。',
  'errorWords.finding.storageType': '位置 {{position}} 处事件的 {{column}} 列以 {{stored}} 类型存储，但追加路径写入的是 {{want}}：它被绕过追加路径改写过。',
  'errorWords.finding.notUtf8': '位置 {{position}} 处事件的 {{column}} 含有无效的 UTF-8 字节；追加路径只写入 UTF-8 文本，因此它被绕过追加路径改写过。',
  'errorWords.finding.headMissing': 'ledger_head 行缺失：存储没有其链头的记录。',
  'errorWords.finding.headTailDeletedOne': '存储止于位置 {{last}}，但 ledger_head 记录的事件直到位置 {{recorded}}，且其链头哈希不属于任何存储的事件：最后一个事件已被删除。',
  'errorWords.finding.headTailDeletedMany': '存储止于位置 {{last}}，但 ledger_head 记录的事件直到位置 {{recorded}}，且其链头哈希不属于任何存储的事件：最后 {{deleted}} 个事件已被删除。',
  'errorWords.finding.headLastReplaced': '最后一个事件（位置 {{position}}）不是 ledger_head 记录的那个：其哈希与记录的链头不同。该事件被替换并重新计算了哈希，或者 ledger_head 被改动过。',
  'errorWords.finding.headUnknown': 'ledger_head 记录位置 {{position}} 处的链头为 {{hash}}，但没有任何存储的事件具有该哈希。',
  'errorWords.finding.headTailAddedOne': 'ledger_head 使哈希链止于位置 {{head}}，但存储中的事件直到位置 {{last}}：其后的事件是在追加路径之外添加的。',
  'errorWords.finding.headTailAddedMany': 'ledger_head 使哈希链止于位置 {{head}}，但存储中的事件直到位置 {{last}}：其后的 {{added}} 个事件是在追加路径之外添加的。',
  'errorWords.finding.headSays': 'ledger_head 记录的 {{wrong}}。',
  'errorWords.finding.headSays.lastPosition': 'last_position 为 {{recorded}}（其链头哈希位于位置 {{foundAt}}）',
  'errorWords.finding.headSays.eventCount': 'event_count 为 {{recorded}}（实际存储了 {{stored}} 个事件）',
  'errorWords.finding.headSays.streamCount': 'stream_count 为 {{recorded}}（有事件的流为 {{streams}} 个）',
  'errorWords.finding.expectedHeadMoved': '记录的链头 {{hash}} 位于位置 {{foundAt}}，而不是记录时的位置 {{at}}：其之前的事件被添加或删除过，哈希链也被重新编号。',
  'errorWords.finding.expectedHeadReplaced': '位置 {{position}} 处的事件已不再具有记录的链头 {{hash}}：到位置 {{position}} 为止的历史被重写过，并重新计算了哈希以作掩盖。',
  'errorWords.finding.expectedHeadGone': '记录的链头 {{hash}} 不在此存储的哈希链中：自记录以来，历史被重写（重新计算了哈希）或被截断。',
  'errorWords.finding.indexDisagrees':
    '索引 {{index}} 在位置 {{position}} 处与 events 表不一致（{{column}}：索引为 {{indexValue}}，表为 {{tableValue}}）：该索引在 SQLite 之外被修改过，因此从它读取的数据（重放）会显示与事件本身不同的值。文件已被篡改；哈希链覆盖的是表中的行。',
  'errorWords.finding.indexEntryMissing':
    '索引 {{index}} 在位置 {{position}} 处与 events 表不一致（索引中没有该条目，表中却有这一行）：该索引在 SQLite 之外被修改过，因此从它读取的数据（重放）会显示与事件本身不同的值。文件已被篡改；哈希链覆盖的是表中的行。',
  'errorWords.finding.indexDisagreesUndescribed':
    '索引 {{index}} 在位置 {{position}} 处与 events 表不一致：该索引在 SQLite 之外被修改过，因此从它读取的数据（重放）会显示与事件本身不同的值。文件已被篡改；哈希链覆盖的是表中的行。',
  'errorWords.finding.indexCount': '索引 {{index}} 有 {{entries}} 个条目，而 events 表中对应的行有 {{rows}} 行：有条目在 SQLite 之外被加入索引或从中删除（篡改）。',
  'errorWords.finding.tableMissing': '{{table}} 表缺失。',
  'errorWords.finding.tableLacksColumns': '{{table}} 表缺少列 {{columns}}。',
  'errorWords.finding.uniqueVersionGone': 'events 表的 UNIQUE (stream_id, version) 约束已不存在：可能已插入了重复的版本。',
  'errorWords.finding.triggerAdded': '{{table}} 上被添加了触发器“{{trigger}}”；存储的架构中没有定义任何触发器，因此有别的东西在写入时改写行。',
  'errorWords.finding.version': '版本 {{version}}',
  'errorWords.finding.versions': '版本 {{from}}–{{to}}',
  'errorWords.finding.deletedWasInStream': '{{finding}}缺失的是流“{{streamId}}”的{{versions}}。',
  'errorWords.finding.streamRowMissing': '流“{{streamId}}”有 {{events}} 个事件，但 streams 表中没有它的行：它不会出现在流列表中。',
  'errorWords.finding.streamRowDiffers': '流“{{streamId}}”在 streams 表中的行记为 {{said}}；其事件表明为 {{truth}}。',
  'errorWords.finding.streamVersionTwice': '流“{{streamId}}”有两个版本为 {{version}} 的事件（位置 {{first}} 和 {{second}}）：其中一个是在追加路径之外插入的。',
  'errorWords.finding.streamVersionsMissing': '流“{{streamId}}”缺少{{versions}}：这些事件已被删除。',
  'errorWords.finding.streamVersionsMissingBetween': '流“{{streamId}}”在位置 {{before}} 与 {{after}} 之间缺少{{versions}}：这些事件已被删除。',
  'errorWords.finding.streamVersionBefore': '流“{{streamId}}”的版本 {{version}} 存储在位置 {{position}}，位于存储在位置 {{previous}} 的版本 {{previousVersion}} 之前。',
  'errorWords.finding.streamWithoutEvents': 'streams 表列出了“{{streamId}}”，但没有存储该流的任何事件：它的事件已被删除，或者这一行是后加的。',
  'errorWords.finding.typeRowMissing': '存储了 {{events}} 个类型为“{{type}}”的事件，但 event_types 表没有列出该类型。',
  'errorWords.finding.typeWithoutEvents': 'event_types 表列出“{{type}}”有 {{events}} 个事件，但没有存储该类型的任何事件。',
  'errorWords.finding.typeRowDiffers': 'event_types 表中“{{type}}”的行记为 {{events}} 个事件，时间从 {{first}} 到 {{last}}；事件表明为 {{actual}} 个，时间从 {{actualFirst}} 到 {{actualLast}}。',
  'errorWords.finding.hourRowMissing': '从 {{hour}} 起的一小时内存储了 {{events}} 个类型为“{{type}}”的事件，但 event_type_hours 表中没有对应的行：时间线的直方图会漏掉它们。',
  'errorWords.finding.hourRowDiffers': 'event_type_hours 表中“{{type}}”从 {{hour}} 起一小时的行记为 {{stored}} 个事件；事件表明为 {{actual}} 个：时间线的直方图会显示错误的计数。',
  'errorWords.finding.integrityCheck': 'SQLite integrity_check 报告：{{problem}}',
  'errorWords.finding.passStopped': '数据库页面损坏，一轮检查因此中止：{{error}}。',
  'errorWords.finding.positionTwice': '两个事件共用全局位置 {{position}}：位置必须唯一。',
  'errorWords.finding.positionBackwards': '在存储的读取顺序中，全局位置 {{position}} 出现在 {{previous}} 之后：位置必须递增。',
  'errorWords.finding.eventIdTwice': '事件 ID {{eventId}} 出现了不止一次（再次出现在位置 {{position}}）。',
  'errorWords.finding.versionJumpOne': '流“{{streamId}}”从版本 {{from}} 跳到 {{to}}：缺少版本 {{missing}}。',
  'errorWords.finding.versionJumpMany': '流“{{streamId}}”从版本 {{from}} 跳到 {{to}}：缺少版本 {{first}}–{{last}}。',
  'errorWords.finding.versionTwice': '流“{{streamId}}”的版本 {{version}} 出现了两次（再次出现在位置 {{position}}）。',
  'errorWords.finding.versionBackwards': '流“{{streamId}}”在位置 {{position}} 处的版本 {{version}} 出现在版本 {{previous}} 之后。',
  'errorWords.finding.summaryWithoutEvents': '摘要列出了流“{{streamId}}”（版本 {{version}}），但没有读到它的任何事件。',
  'errorWords.finding.summaryDiffers': '“{{streamId}}”的摘要记为版本 {{version}}、{{events}} 个事件；其事件表明为版本 {{actualVersion}}、{{actualEvents}} 个事件。',
  'errorWords.finding.summaryMissing': '流“{{streamId}}”有 {{events}} 个事件，但没有摘要。',
  'errorWords.finding.storeCountDiffers': '存储记录的事件数为 {{counted}}，但读到了 {{read}} 个。',
  'errorWords.finding.readBackDiffers': '单独读取流“{{streamId}}”得到的事件与全局日志（{{logEvents}} 个）不同：存储的按流读取路径与其日志不一致。',
  'errorWords.finding.readBackCountDiffers': '单独读取流“{{streamId}}”得到 {{events}} 个事件，而全局日志中为 {{logEvents}} 个：存储的按流读取路径与其日志不一致。',
  'errorWords.check.noChain': '此存储没有哈希链：已检查版本、位置、摘要和回读，但保留事件位置的修改（例如改动了金额）无法被发现。将其校验复制到原生存储后，从此刻起的历史即被固定。',
  'errorWords.check.readBackSample': '已通过各自的路径回读 {{streams}} 个流中的 {{chosen}} 个（均匀抽样，外加每个有发现的流）。',
  'errorWords.check.readBackAll': '已通过各自的路径回读全部 {{streams}} 个流。',
};
