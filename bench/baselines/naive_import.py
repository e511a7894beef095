# The naive import the issue compares `ledger import` with: what someone would write in 25 lines of
# Python (json + hashlib + sqlite3, one transaction, default settings). Parse each NDJSON line,
# canonicalise data and metadata, hash-chain, insert with a unique event id and a unique
# (stream, version). No secondary indexes, no summaries, no validation beyond what these give.
# usage: python3 naive_import.py INPUT.ndjson OUT.db   (prints the number of events imported)
import hashlib, json, sqlite3, sys

src, out = sys.argv[1], sys.argv[2]
db = sqlite3.connect(out)
db.execute("""CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
  metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, hash BLOB NOT NULL, UNIQUE (stream_id, version))""")
canonical = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
prev, position = bytes(32), 0
with open(src, encoding="utf-8") as lines, db:
    for line in lines:
        if not line.strip():
            continue
        e = json.loads(line)
        position += 1
        data, meta = canonical(e.get("data", {})), canonical(e.get("metadata", {}))
        header = json.dumps([position, e["eventId"], e["streamId"], e["version"], e["type"], e["recordedAt"]])
        prev = hashlib.sha256(prev + (header + "\n" + data + "\n" + meta).encode()).digest()
        db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (position, e["eventId"], e["streamId"], e["version"], e["type"], data, meta, e["recordedAt"], prev))
db.close()
print(position)
