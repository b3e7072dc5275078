-- A version 4 database, as moot left it before tokens were kept as
-- hashes, for the migration test (tests/tokens.sh).  Made by a moot at
-- schema 4: `moot init` with the secret in v4.secret; info moderated
-- with mod@one.example on its rota, a post from stranger@two.example held
-- and its moderator asked (token ewbpcp342m6bg4yxnqapvkoxwq); ops with
-- lu@eight.example and ann@one.example, a post from ann distributed
-- (lu's List-Unsubscribe token d7nknbcd2mab5b6j35zdhskksy); then
-- sqlite3 .dump.  The tokens are here in clear, in the token and member
-- tables and in the sent notices: migration 6 must leave none of them.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
, nonmember TEXT NOT NULL DEFAULT 'hold'
  CHECK (nonmember IN ('hold','reject')), hold_bytes INTEGER, max_recipients INTEGER, automated TEXT NOT NULL DEFAULT 'hold'
  CHECK (automated IN ('hold','drop')), notify_held INTEGER NOT NULL DEFAULT 0, turn_days INTEGER NOT NULL DEFAULT 7, escalate_after INTEGER NOT NULL
  DEFAULT 86400, who TEXT NOT NULL DEFAULT 'nobody'
  CHECK (who IN ('nobody','members')), approve_joins INTEGER NOT NULL
  DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0, bulk INTEGER NOT NULL DEFAULT 0);
INSERT INTO list VALUES(1,'info','Information Group',1,0,NULL,NULL,NULL,NULL,NULL,NULL,1795428000,'hold',NULL,NULL,'hold',0,7,86400,'nobody',0,0,0);
INSERT INTO list VALUES(2,'ops','Operations Group',0,0,NULL,NULL,NULL,NULL,NULL,NULL,1795428000,'hold',NULL,NULL,'hold',0,7,86400,'nobody',0,0,0);
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
  created_at INTEGER NOT NULL, leave_token TEXT, term_told INTEGER,
  UNIQUE (list_id, addr)
);
INSERT INTO member VALUES(1,1,'mod@one.example','','moderator',NULL,'mail',NULL,NULL,1795428000,NULL,NULL);
INSERT INTO member VALUES(2,2,'lu@eight.example','','member',NULL,'mail',NULL,NULL,1795428000,'d7nknbcd2mab5b6j35zdhskksy',NULL);
INSERT INTO member VALUES(3,2,'ann@one.example','','member',NULL,'mail',NULL,NULL,1795428000,'vy5wdjkyol56wfu64txqqueeeq',NULL);
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
INSERT INTO message VALUES(1,1795428000,'inject','I6B104F8B04F54','stranger@two.example',NULL,NULL,NULL,NULL,119,X'ef81425c1a93f92a549945112c0373e397e729f405866771dd70c6a3845b1e54',X'46726f6d3a20737472616e6765724074776f2e6578616d706c650a546f3a20696e666f406c697374732e6578616d706c652e6f72670a5375626a6563743a2044726f702d696e206d6f7665640a4d6573736167652d49443a203c6d3140782e6578616d706c653e0a0a5468757273646179206e6f772e0a');
INSERT INTO message VALUES(2,1795428000,'inject','I6B104F8B04F55','ann@one.example',NULL,NULL,NULL,NULL,99,X'5f30fa6fa87124a7424daad04f1d537d7709db5a57809d60768f1ea71b68d269',X'46726f6d3a20616e6e406f6e652e6578616d706c650a546f3a206f7073406c697374732e6578616d706c652e6f72670a5375626a6563743a204167656e64610a4d6573736167652d49443a203c6d3240782e6578616d706c653e0a0a4974656d732e0a');
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
, escalated INTEGER NOT NULL DEFAULT 0);
INSERT INTO spool VALUES(1,1,'info@lists.example.org',1,'info','post',NULL,'held','the list is moderated',0,0,NULL,0,'m1@x.example','stranger@two.example','Drop-in moved',NULL,NULL,1795428000,1795428000,0);
INSERT INTO spool VALUES(2,2,'ops@lists.example.org',2,'ops','post',NULL,'sent',NULL,0,0,NULL,0,'m2@x.example','ann@one.example','Agenda',NULL,NULL,1795428000,1795428000,0);
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
INSERT INTO delivery VALUES(2,'ann@one.example','sent',250,'250 2.0.0 Ok: queued as 000002',1795428000);
INSERT INTO delivery VALUES(2,'lu@eight.example','sent',250,'250 2.0.0 Ok: queued as 000001',1795428000);
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
INSERT INTO outbox VALUES(1,1,1,'held-notify','info-bounces@lists.example.org','mod@one.example',X'46726f6d3a20696e666f206d6f6465726174696f6e0d0a203c696e666f2d6d6f6465726174652b6577627063703334326d3662673479786e716170766b6f787771406c697374732e6578616d706c652e6f72673e0d0a5265706c792d546f3a20696e666f2d6d6f6465726174652b6577627063703334326d3662673479786e716170766b6f787771406c697374732e6578616d706c652e6f72670d0a546f3a206d6f64406f6e652e6578616d706c650d0a5375626a6563743a2057616974696e6720666f7220796f753a2044726f702d696e206d6f7665642028746f20696e666f290d0a446174653a204d6f6e2c203233204e6f7620323032362031303a30303a3030202b303030300d0a4d6573736167652d49443a203c6d6f6f742e6338383565653962386161616536376362323732656238386436346264393561406c697374732e6578616d706c652e6f72673e0d0a4175746f2d5375626d69747465643a206175746f2d67656e6572617465640d0a507265636564656e63653a2062756c6b0d0a4c6973742d49643a20496e666f726d6174696f6e2047726f7570203c696e666f2e6c697374732e6578616d706c652e6f72673e0d0a582d4c6f6f703a20696e666f406c697374732e6578616d706c652e6f72670d0a4d494d452d56657273696f6e3a20312e300d0a436f6e74656e742d547970653a206d756c7469706172742f6d697865643b0d0a20626f756e646172793d223d5f6d6f6f745f316465316234653834306562663537363634303437653463220d0a0d0a2d2d3d5f6d6f6f745f3164653162346538343065626635373636343034376534630d0a436f6e74656e742d547970653a20746578742f706c61696e3b20636861727365743d7574662d380d0a436f6e74656e742d5472616e736665722d456e636f64696e673a20376269740d0a0d0a4120706f737420746f2074686520696e666f206c6973742069732077616974696e6720666f722061206d6f64657261746f722c20616e6420796f7520617265207468650d0a6f6e65206f6e20647574792e0d0a0d0a46726f6d3a20202020737472616e6765724074776f2e6578616d706c650d0a5375626a6563743a2044726f702d696e206d6f7665640d0a417272697665643a20323032362d31312d32332031303a30300d0a48656c643a20202020746865206c697374206973206d6f646572617465640d0a0d0a546f206465636964652c207265706c7920746f2074686973206d6573736167652077697468206f6e6520776f7264206f6e20746865206669727374206c696e653a0d0a0d0a2020617070726f76652020202074686520706f737420676f657320746f20746865206c6973740d0a202072656a6563742020202020697420646f6573206e6f743b20746f2074656c6c207468652073656e646572207768792c2077726974652074686520726561736f6e0d0a2020202020202020202020202061667465722074686520776f72642c20666f72206578616d706c653a2072656a6563743a206e6f742061626f7574206d6967726174696f6e0d0a2020646973636172642020202069742069732064726f7070656420776974686f7574206120776f726420746f20616e796f6e650d0a0d0a54686520706f737420666f6c6c6f77732c20616e64207468652077686f6c65206d6573736167652069732061747461636865642e0d0a0d0a2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d0d0a5468757273646179206e6f772e0d0a0d0a2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d0d0a506f7374203120617420696e666f406c697374732e6578616d706c652e6f72670d0a0d0a2d2d3d5f6d6f6f745f3164653162346538343065626635373636343034376534630d0a436f6e74656e742d547970653a206d6573736167652f7266633832320d0a436f6e74656e742d446973706f736974696f6e3a20696e6c696e650d0a0d0a46726f6d3a20737472616e6765724074776f2e6578616d706c650d0a546f3a20696e666f406c697374732e6578616d706c652e6f72670d0a5375626a6563743a2044726f702d696e206d6f7665640d0a4d6573736167652d49443a203c6d3140782e6578616d706c653e0d0a0d0a5468757273646179206e6f772e0d0a0d0a2d2d3d5f6d6f6f745f3164653162346538343065626635373636343034376534632d2d0d0a','sent',0,NULL,0,'250 2.0.0 Ok: queued as 000003',1795428000,1795428000);
CREATE TABLE audit (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  list_id  INTEGER REFERENCES list(id) ON DELETE SET NULL,
  spool_id INTEGER REFERENCES spool(id) ON DELETE SET NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  detail   TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit VALUES(1,1795428000,1,NULL,'cli','join','mod@one.example');
INSERT INTO audit VALUES(2,1795428000,2,NULL,'cli','join','lu@eight.example');
INSERT INTO audit VALUES(3,1795428000,2,NULL,'cli','join','ann@one.example');
CREATE TABLE rota (
  list_id  INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  addr     TEXT NOT NULL,
  PRIMARY KEY (list_id, position),
  UNIQUE (list_id, addr)
);
INSERT INTO rota VALUES(1,0,'mod@one.example');
CREATE TABLE away (
  id      INTEGER PRIMARY KEY,
  addr    TEXT NOT NULL,
  from_at INTEGER NOT NULL,
  to_at   INTEGER NOT NULL
);
CREATE TABLE token (
  id         INTEGER PRIMARY KEY,
  token      TEXT NOT NULL UNIQUE,
  purpose    TEXT NOT NULL,
  list_id    INTEGER NOT NULL,
  object_id  INTEGER NOT NULL,
  addr       TEXT NOT NULL,
  nonce      BLOB NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  created_at INTEGER NOT NULL
);
INSERT INTO token VALUES(1,'ewbpcp342m6bg4yxnqapvkoxwq','moderate',1,1,'mod@one.example',X'8d2043d9730ea46765efd389b35f2392',1798020000,NULL,1795428000);
INSERT INTO token VALUES(2,'d7nknbcd2mab5b6j35zdhskksy','leave',2,2,'lu@eight.example',X'ca7e9f5e7a6ae3c81b906e826b1e9d41',4957668000,NULL,1795428000);
INSERT INTO token VALUES(3,'vy5wdjkyol56wfu64txqqueeeq','leave',2,3,'ann@one.example',X'39b781b4901af1e556e4769b376c2839',4957668000,NULL,1795428000);
CREATE TABLE asked (
  spool_id INTEGER NOT NULL REFERENCES spool(id) ON DELETE CASCADE,
  addr     TEXT NOT NULL,
  level    INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  PRIMARY KEY (spool_id, addr)
) WITHOUT ROWID;
INSERT INTO asked VALUES(1,'mod@one.example',0,1795428000);
CREATE TABLE job (
  name    TEXT NOT NULL,
  list_id INTEGER NOT NULL DEFAULT 0,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (name, list_id)
) WITHOUT ROWID;
INSERT INTO job VALUES('reminder',1,1795428000);
CREATE TABLE request (
  id         INTEGER PRIMARY KEY,
  list_id    INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,
  addr       TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN
             ('subscribe','unsubscribe','set')),
  mode       TEXT,
  language   TEXT,
  asked_by   TEXT NOT NULL,
  state      TEXT NOT NULL DEFAULT 'confirming' CHECK (state IN
             ('confirming','approving','done','refused',
              'expired')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by TEXT
);
CREATE INDEX member_by_addr ON member(addr);
CREATE INDEX spool_by_state ON spool(state, next_try);
CREATE INDEX spool_by_msgid ON spool(list_id, msgid);
CREATE INDEX spool_by_message ON spool(message_id);
CREATE INDEX outbox_by_state ON outbox(state, next_try);
CREATE INDEX audit_by_list ON audit(list_id, at);
CREATE INDEX away_by_addr ON away(addr);
CREATE INDEX spool_held ON spool(list_id, state);
CREATE UNIQUE INDEX request_open ON request(list_id, addr, action)
  WHERE state IN ('confirming','approving');
CREATE INDEX request_by_state ON request(state, expires_at);
CREATE INDEX outbox_by_rcpt ON outbox(rcpt, created_at);
CREATE INDEX member_by_list ON member(list_id, id);
COMMIT;
PRAGMA user_version = 4;
