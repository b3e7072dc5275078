-- A version 1 database, as moot 0.1 (schema 1) left it, for the
-- migration test (tests/cli.sh).  Made from migration 1 of src/db/db_schema.c.
CREATE TABLE list (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  description    TEXT NOT NULL DEFAULT '',
  moderated      INTEGER NOT NULL DEFAULT 0,
  members_only   INTEGER NOT NULL DEFAULT 0,
  subject_prefix TEXT,
  max_bytes      INTEGER,
  language       TEXT,
  requires_id    INTEGER REFERENCES list(id) ON DELETE SET NULL,
  digest_at      TEXT,
  ends_at        INTEGER,
  created_at     INTEGER NOT NULL
);
CREATE TABLE member (
  id         INTEGER PRIMARY KEY,
  list_id    INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,
  addr       TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN
             ('member','moderator','owner','organiser','chair')),
  language   TEXT,
  mode       TEXT NOT NULL DEFAULT 'mail'
             CHECK (mode IN ('mail','digest','nomail')),
  term_start INTEGER,
  term_end   INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (list_id, addr)
);
CREATE INDEX member_by_addr ON member(addr);
CREATE TABLE message (
  id           INTEGER PRIMARY KEY,
  received_at  INTEGER NOT NULL,
  via          TEXT NOT NULL CHECK (via IN ('inject','milter')),
  queue_id     TEXT NOT NULL,
  env_from     TEXT,
  client_addr  TEXT,
  client_name  TEXT,
  auth_user    TEXT,
  auth_results TEXT,
  size         INTEGER NOT NULL,
  body_sha256  BLOB NOT NULL,
  raw          BLOB NOT NULL
);
CREATE TABLE spool (
  id             INTEGER PRIMARY KEY,
  message_id     INTEGER NOT NULL REFERENCES message(id)
                 ON DELETE CASCADE,
  rcpt           TEXT NOT NULL,
  list_id        INTEGER REFERENCES list(id) ON DELETE SET NULL,
  list_name      TEXT NOT NULL,
  kind           TEXT NOT NULL,
  token          TEXT,
  state          TEXT NOT NULL DEFAULT 'spooled' CHECK (state IN
                 ('spooled','held','approved','rejected',
                  'discarded','distributing','sent','failed','done')),
  reason         TEXT,
  unfinished     INTEGER NOT NULL DEFAULT 0,
  defers         INTEGER NOT NULL DEFAULT 0,
  first_defer_at INTEGER,
  next_try       INTEGER NOT NULL DEFAULT 0,
  msgid          TEXT,
  from_addr      TEXT,
  subject        TEXT,
  decided_by     TEXT,
  decided_at     INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX spool_by_state ON spool(state, next_try);
CREATE INDEX spool_by_msgid ON spool(list_id, msgid);
CREATE INDEX spool_by_message ON spool(message_id);
CREATE TABLE delivery (
  spool_id INTEGER NOT NULL REFERENCES spool(id) ON DELETE CASCADE,
  addr     TEXT NOT NULL,
  status   TEXT NOT NULL
           CHECK (status IN ('sent','failed','deferred')),
  code     INTEGER,
  reply    TEXT,
  at       INTEGER NOT NULL,
  PRIMARY KEY (spool_id, addr)
) WITHOUT ROWID;
CREATE TABLE outbox (
  id             INTEGER PRIMARY KEY,
  spool_id       INTEGER REFERENCES spool(id) ON DELETE SET NULL,
  list_id        INTEGER REFERENCES list(id) ON DELETE SET NULL,
  purpose        TEXT NOT NULL,
  env_from       TEXT NOT NULL,
  rcpt           TEXT NOT NULL,
  raw            BLOB NOT NULL,
  state          TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued','sent','failed')),
  defers         INTEGER NOT NULL DEFAULT 0,
  first_defer_at INTEGER,
  next_try       INTEGER NOT NULL DEFAULT 0,
  reason         TEXT,
  created_at     INTEGER NOT NULL,
  sent_at        INTEGER
);
CREATE INDEX outbox_by_state ON outbox(state, next_try);
CREATE TABLE audit (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  list_id  INTEGER REFERENCES list(id) ON DELETE SET NULL,
  spool_id INTEGER REFERENCES spool(id) ON DELETE SET NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_list ON audit(list_id, at);
INSERT INTO list (id, name, description, moderated, members_only, created_at)
  VALUES (1, 'info', 'Information Group', 1, 0, 1795392000);
INSERT INTO member (list_id, addr, role, created_at)
  VALUES (1, 'amira@one.example', 'moderator', 1795392000);
INSERT INTO message (id, received_at, via, queue_id, env_from, size, body_sha256, raw)
  VALUES (1, 1795392000, 'inject', 'I1', 'amira@one.example', 4, X'00', X'68690a0a');
INSERT INTO spool (id, message_id, rcpt, list_id, list_name, kind, state, reason, created_at, updated_at)
  VALUES (1, 1, 'info@lists.example.org', 1, 'info', 'post', 'held', 'the list is moderated', 1795392000, 1795392000);
PRAGMA user_version = 1;
