/*
 * db_schema.c - the schema, as a list of migrations; see db.h
 * (db_migrate.c applies them)
 *
 * migrations[i] takes a database from user_version i to i + 1.  A release
 * never edits a migration that has shipped: it appends one.  Each runs in
 * one transaction with its PRAGMA user_version, so a crash leaves the old
 * version or the new, never half of one.
 *
 * The life of a post (design.md): spooled -> held -> approved | rejected |
 * discarded -> distributing -> sent, with failed (and a reason) for what
 * cannot be handled; done is the end of mail that is not a post.
 */
#include "db/db.h"
#include "util/sys_defs.h"

static const char *const migrations[] = {
	/* 0 -> 1: lists, members, the spool, deliveries, the outbox, audit */
	"CREATE TABLE list (\n"
	"  id             INTEGER PRIMARY KEY,\n"
	"  name           TEXT NOT NULL UNIQUE,\n"
	"  description    TEXT NOT NULL DEFAULT '',\n"
	"  moderated      INTEGER NOT NULL DEFAULT 0,\n"
	"  members_only   INTEGER NOT NULL DEFAULT 0,\n"
	"  subject_prefix TEXT,\n"			/* NULL: "[name]" */
	"  max_bytes      INTEGER,\n"			/* NULL: [limits] */
	"  language       TEXT,\n"			/* NULL: [moot] */
	"  requires_id    INTEGER REFERENCES list(id) ON DELETE SET NULL,\n"
	"  digest_at      TEXT,\n"			/* "Mon 10:00" */
	"  ends_at        INTEGER,\n"			/* task-and-finish */
	"  created_at     INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE member (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  list_id    INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  addr       TEXT NOT NULL,\n"			/* addr_canon_new() */
	"  name       TEXT NOT NULL DEFAULT '',\n"
	"  role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN\n"
	"             ('member','moderator','owner','organiser','chair')),\n"
	"  language   TEXT,\n"
	"  mode       TEXT NOT NULL DEFAULT 'mail'\n"
	"             CHECK (mode IN ('mail','digest','nomail')),\n"
	"  term_start INTEGER,\n"
	"  term_end   INTEGER,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  UNIQUE (list_id, addr)\n"
	");\n"
	"CREATE INDEX member_by_addr ON member(addr);\n"
	/* The message as it arrived, byte for byte, and its envelope. */
	"CREATE TABLE message (\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  received_at  INTEGER NOT NULL,\n"
	"  via          TEXT NOT NULL CHECK (via IN ('inject','milter')),\n"
	"  queue_id     TEXT NOT NULL,\n"
	"  env_from     TEXT,\n"		/* NULL: not given; '': <> */
	"  client_addr  TEXT,\n"
	"  client_name  TEXT,\n"
	"  auth_user    TEXT,\n"
	"  auth_results TEXT,\n"
	"  size         INTEGER NOT NULL,\n"
	"  body_sha256  BLOB NOT NULL,\n"	/* of the body, for A3 */
	"  raw          BLOB NOT NULL\n"
	");\n"
	/* One row per message and local recipient: what moot does with it. */
	"CREATE TABLE spool (\n"
	"  id             INTEGER PRIMARY KEY,\n"
	"  message_id     INTEGER NOT NULL REFERENCES message(id)\n"
	"                 ON DELETE CASCADE,\n"
	"  rcpt           TEXT NOT NULL,\n"
	"  list_id        INTEGER REFERENCES list(id) ON DELETE SET NULL,\n"
	"  list_name      TEXT NOT NULL,\n"
	"  kind           TEXT NOT NULL,\n"
	"  token          TEXT,\n"
	"  state          TEXT NOT NULL DEFAULT 'spooled' CHECK (state IN\n"
	"                 ('spooled','held','approved','rejected',\n"
	"                  'discarded','distributing','sent','failed','done')),\n"
	"  reason         TEXT,\n"
	"  unfinished     INTEGER NOT NULL DEFAULT 0,\n"	/* A6 */
	"  defers         INTEGER NOT NULL DEFAULT 0,\n"
	"  first_defer_at INTEGER,\n"
	"  next_try       INTEGER NOT NULL DEFAULT 0,\n"
	"  msgid          TEXT,\n"
	"  from_addr      TEXT,\n"
	"  subject        TEXT,\n"
	"  decided_by     TEXT,\n"
	"  decided_at     INTEGER,\n"
	"  created_at     INTEGER NOT NULL,\n"
	"  updated_at     INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX spool_by_state ON spool(state, next_try);\n"
	"CREATE INDEX spool_by_msgid ON spool(list_id, msgid);\n"
	"CREATE INDEX spool_by_message ON spool(message_id);\n"
	/* What each member was sent, committed per SMTP transaction (A4). */
	"CREATE TABLE delivery (\n"
	"  spool_id INTEGER NOT NULL REFERENCES spool(id) ON DELETE CASCADE,\n"
	"  addr     TEXT NOT NULL,\n"
	"  status   TEXT NOT NULL\n"
	"           CHECK (status IN ('sent','failed','deferred')),\n"
	"  code     INTEGER,\n"
	"  reply    TEXT,\n"
	"  at       INTEGER NOT NULL,\n"
	"  PRIMARY KEY (spool_id, addr)\n"
	") WITHOUT ROWID;\n"
	/* Mail moot writes itself (notices, replies), queued like posts. */
	"CREATE TABLE outbox (\n"
	"  id             INTEGER PRIMARY KEY,\n"
	"  spool_id       INTEGER REFERENCES spool(id) ON DELETE SET NULL,\n"
	"  list_id        INTEGER REFERENCES list(id) ON DELETE SET NULL,\n"
	"  purpose        TEXT NOT NULL,\n"		/* the template's name */
	"  env_from       TEXT NOT NULL,\n"
	"  rcpt           TEXT NOT NULL,\n"
	"  raw            BLOB NOT NULL,\n"
	"  state          TEXT NOT NULL DEFAULT 'queued'\n"
	"                 CHECK (state IN ('queued','sent','failed')),\n"
	"  defers         INTEGER NOT NULL DEFAULT 0,\n"
	"  first_defer_at INTEGER,\n"
	"  next_try       INTEGER NOT NULL DEFAULT 0,\n"
	"  reason         TEXT,\n"
	"  created_at     INTEGER NOT NULL,\n"
	"  sent_at        INTEGER\n"
	");\n"
	"CREATE INDEX outbox_by_state ON outbox(state, next_try);\n"
	/* Who did what to which post or member, for `moot log`. */
	"CREATE TABLE audit (\n"
	"  id       INTEGER PRIMARY KEY,\n"
	"  at       INTEGER NOT NULL,\n"
	"  list_id  INTEGER REFERENCES list(id) ON DELETE SET NULL,\n"
	"  spool_id INTEGER REFERENCES spool(id) ON DELETE SET NULL,\n"
	"  actor    TEXT NOT NULL,\n"
	"  action   TEXT NOT NULL,\n"
	"  detail   TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX audit_by_list ON audit(list_id, at);\n",

	/* 1 -> 2: moderation: hold rules, the rota, tokens, who was asked */
	"ALTER TABLE list ADD COLUMN nonmember TEXT NOT NULL DEFAULT 'hold'\n"
	"  CHECK (nonmember IN ('hold','reject'));\n"
	"ALTER TABLE list ADD COLUMN hold_bytes INTEGER;\n"	/* NULL: none */
	"ALTER TABLE list ADD COLUMN max_recipients INTEGER;\n"	/* To+Cc */
	"ALTER TABLE list ADD COLUMN automated TEXT NOT NULL DEFAULT 'hold'\n"
	"  CHECK (automated IN ('hold','drop'));\n"
	"ALTER TABLE list ADD COLUMN notify_held INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE list ADD COLUMN turn_days INTEGER NOT NULL DEFAULT 7;\n"
	"ALTER TABLE list ADD COLUMN escalate_after INTEGER NOT NULL\n"
	"  DEFAULT 86400;\n"
	/* The moderators on duty, in turn, for each list. */
	"CREATE TABLE rota (\n"
	"  list_id  INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL,\n"
	"  addr     TEXT NOT NULL,\n"
	"  PRIMARY KEY (list_id, position),\n"
	"  UNIQUE (list_id, addr)\n"
	");\n"
	/* A person away: their turns pass to the next in the rota. */
	"CREATE TABLE away (\n"
	"  id      INTEGER PRIMARY KEY,\n"
	"  addr    TEXT NOT NULL,\n"
	"  from_at INTEGER NOT NULL,\n"
	"  to_at   INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX away_by_addr ON away(addr);\n"
	/* Tokens handed out in reply addresses, and whether they were used. */
	"CREATE TABLE token (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  token      TEXT NOT NULL UNIQUE,\n"
	"  purpose    TEXT NOT NULL,\n"
	"  list_id    INTEGER NOT NULL,\n"
	"  object_id  INTEGER NOT NULL,\n"
	"  addr       TEXT NOT NULL,\n"
	"  nonce      BLOB NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  used_at    INTEGER,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	/* Who was asked about a held post, and when (the escalation). */
	"CREATE TABLE asked (\n"
	"  spool_id INTEGER NOT NULL REFERENCES spool(id) ON DELETE CASCADE,\n"
	"  addr     TEXT NOT NULL,\n"
	"  level    INTEGER NOT NULL,\n"		/* 0 on duty, 1 next, 2 all */
	"  at       INTEGER NOT NULL,\n"
	"  PRIMARY KEY (spool_id, addr)\n"
	") WITHOUT ROWID;\n"
	/* When scheduled work (reminders, later digests) last ran. */
	"CREATE TABLE job (\n"
	"  name    TEXT NOT NULL,\n"
	"  list_id INTEGER NOT NULL DEFAULT 0,\n"
	"  last_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (name, list_id)\n"
	") WITHOUT ROWID;\n"
	"ALTER TABLE spool ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;\n"
	"CREATE INDEX spool_held ON spool(list_id, state);\n",

	/* 2 -> 3: membership by mail: requests, group rules, terms */
	"ALTER TABLE list ADD COLUMN who TEXT NOT NULL DEFAULT 'nobody'\n"
	"  CHECK (who IN ('nobody','members'));\n"
	"ALTER TABLE list ADD COLUMN approve_joins INTEGER NOT NULL\n"
	"  DEFAULT 0;\n"
	"ALTER TABLE list ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;\n"
	/* bulk: one copy for many members, without a personal
	 * List-Unsubscribe; else one copy each (the default). */
	"ALTER TABLE list ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;\n"
	/* The member's own List-Unsubscribe token, made on first use. */
	"ALTER TABLE member ADD COLUMN leave_token TEXT;\n"
	/* The term_end the owners were last reminded of. */
	"ALTER TABLE member ADD COLUMN term_told INTEGER;\n"
	/* Asked for by mail, waiting for a confirmation or an owner. */
	"CREATE TABLE request (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  list_id    INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  addr       TEXT NOT NULL,\n"		/* who it is about */
	"  action     TEXT NOT NULL CHECK (action IN\n"
	"             ('subscribe','unsubscribe','set')),\n"
	"  mode       TEXT,\n"			/* subscribe, set */
	"  language   TEXT,\n"			/* subscribe, set */
	"  asked_by   TEXT NOT NULL,\n"		/* the From that asked */
	"  state      TEXT NOT NULL DEFAULT 'confirming' CHECK (state IN\n"
	"             ('confirming','approving','done','refused',\n"
	"              'expired')),\n"
	"  created_at INTEGER NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  decided_at INTEGER,\n"
	"  decided_by TEXT\n"
	");\n"
	/* At most one open request per person, list and action (B7). */
	"CREATE UNIQUE INDEX request_open ON request(list_id, addr, action)\n"
	"  WHERE state IN ('confirming','approving');\n"
	"CREATE INDEX request_by_state ON request(state, expires_at);\n"
	"CREATE INDEX outbox_by_rcpt ON outbox(rcpt, created_at);\n",
	/* 3 -> 4: a list's members in id order, for delivery's cursor: each
	 * batch an index range, not a sort of the whole list */
	"CREATE INDEX member_by_list ON member(list_id, id);\n",
	/* 4 -> 5: who may join by mail.  approve_joins becomes joins =
	 * 'approve' and is read no more. */
	"ALTER TABLE list ADD COLUMN joins TEXT NOT NULL DEFAULT 'confirm'\n"
	"  CHECK (joins IN ('open','confirm','approve','closed'));\n"
	"UPDATE list SET joins = 'approve' WHERE approve_joins != 0;\n",

	/*
	 * 5 -> 6: tokens at rest are their hashes (threat B1); the ids
	 * tokens bind to are never used again (AUTOINCREMENT, counting
	 * from past every id a leave token names), and a member names its
	 * current List-Unsubscribe token, so an earlier membership's works
	 * no more (B2); a notice's text, which holds its token, goes when the
	 * notice has been sent.  moot_token_hash() is token_hash(), lent to SQL
	 * for this migration by db_migrate().
	 */
	"CREATE TABLE token_v6 (\n"
	"  id         INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  hash       TEXT NOT NULL UNIQUE,\n"
	"  purpose    TEXT NOT NULL,\n"
	"  list_id    INTEGER NOT NULL,\n"
	"  object_id  INTEGER NOT NULL,\n"
	"  addr       TEXT NOT NULL,\n"
	"  nonce      BLOB NOT NULL,\n"
	"  expires_at INTEGER NOT NULL,\n"
	"  used_at    INTEGER,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO token_v6 (id, hash, purpose, list_id, object_id, addr,\n"
	"  nonce, expires_at, used_at, created_at)\n"
	"  SELECT id, moot_token_hash(token), purpose, list_id, object_id,\n"
	"  addr, nonce, expires_at, used_at, created_at FROM token;\n"
	"CREATE TABLE member_v6 (\n"
	"  id         INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  list_id    INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  addr       TEXT NOT NULL,\n"
	"  name       TEXT NOT NULL DEFAULT '',\n"
	"  role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN\n"
	"             ('member','moderator','owner','organiser','chair')),\n"
	"  language   TEXT,\n"
	"  mode       TEXT NOT NULL DEFAULT 'mail'\n"
	"             CHECK (mode IN ('mail','digest','nomail')),\n"
	"  term_start INTEGER,\n"
	"  term_end   INTEGER,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  leave_token_id INTEGER,\n"		/* token(id), made on first use */
	"  term_told  INTEGER,\n"
	"  UNIQUE (list_id, addr)\n"
	");\n"
	"INSERT INTO member_v6 (id, list_id, addr, name, role, language,\n"
	"  mode, term_start, term_end, created_at, leave_token_id,\n"
	"  term_told)\n"
	"  SELECT m.id, m.list_id, m.addr, m.name, m.role, m.language,\n"
	"  m.mode, m.term_start, m.term_end, m.created_at, (SELECT t.id\n"
	"  FROM token_v6 t WHERE t.hash = moot_token_hash(m.leave_token)),\n"
	"  m.term_told FROM member m;\n"
	"DROP TABLE member;\n"
	"DROP TABLE token;\n"
	"ALTER TABLE token_v6 RENAME TO token;\n"
	"ALTER TABLE member_v6 RENAME TO member;\n"
	"CREATE INDEX member_by_addr ON member(addr);\n"
	"CREATE INDEX member_by_list ON member(list_id, id);\n"
	"DELETE FROM sqlite_sequence WHERE name = 'member';\n"
	"INSERT INTO sqlite_sequence (name, seq) SELECT 'member',\n"
	"  max(coalesce((SELECT max(id) FROM member), 0),\n"
	"  coalesce((SELECT max(object_id) FROM token\n"
	"  WHERE purpose = 'leave'), 0));\n"
	/* Notices that have ended keep no text (db_outbox.c). */
	"UPDATE outbox SET raw = x'' WHERE state IN ('sent','failed');\n",

	/* 6 -> 7: durations as they were given ("24h"), for list show */
	"ALTER TABLE list ADD COLUMN escalate_given TEXT;\n"
	"ALTER TABLE list ADD COLUMN turn_given TEXT;\n",

	/* 7 -> 8: what makes a post a member's: its From: alone, or a From:
	 * our MTA authenticated (DKIM or SPF, aligned) */
	"ALTER TABLE list ADD COLUMN from_check TEXT NOT NULL DEFAULT 'any'\n"
	"  CHECK (from_check IN ('any','authenticated'));\n",

	/*
	 * 8 -> 9: retention (db_purge.c).  Removing a spool row sets
	 * audit.spool_id and outbox.spool_id to NULL, which without these
	 * indexes is a scan of each table for every row removed; expired
	 * tokens are found by their expiry.
	 */
	"CREATE INDEX audit_by_spool ON audit(spool_id);\n"
	"CREATE INDEX outbox_by_spool ON outbox(spool_id);\n"
	"CREATE INDEX token_by_expiry ON token(expires_at);\n",

	/*
	 * 9 -> 10: the partnership's calendar (db_meeting.c).  A meeting
	 * belongs to a group: a list's name, or an outside body ("board")
	 * that has no list, so it is a name and not a list id.  Its start is
	 * kept twice: the UTC instant, and the local wall time it stands
	 * for in the zone named beside it, since a rule keeps meetings at
	 * the same local time of day across clock changes.  A meeting a
	 * rule made names the rule and the meeting it was made from; the
	 * pair is unique, so keeping a rule in step never makes a second.
	 */
	"CREATE TABLE meeting_rule (\n"
	"  id         INTEGER PRIMARY KEY,\n"
	"  grp        TEXT NOT NULL,\n"		/* makes this group's */
	"  before_grp TEXT NOT NULL,\n"		/* from this group's */
	"  days       INTEGER NOT NULL CHECK (days > 0),\n"
	"  given      TEXT NOT NULL,\n"		/* "2w", as typed */
	"  created_at INTEGER NOT NULL,\n"
	"  UNIQUE (grp, before_grp),\n"
	"  CHECK (grp <> before_grp)\n"
	");\n"
	"CREATE TABLE meeting (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  grp         TEXT NOT NULL,\n"
	"  start_at    INTEGER NOT NULL,\n"		/* UTC */
	"  start_local TEXT NOT NULL,\n"		/* "2018-03-14 10:00" */
	"  zone        TEXT NOT NULL,\n"		/* of start_local */
	"  duration    INTEGER NOT NULL CHECK (duration > 0),\n"
	"  location    TEXT,\n"
	"  notes_taker TEXT,\n"
	"  state       TEXT NOT NULL DEFAULT 'scheduled'\n"
	"              CHECK (state IN ('scheduled','cancelled')),\n"
	"  sequence    INTEGER NOT NULL DEFAULT 0,\n"	/* iCalendar's */
	"  rule_id     INTEGER REFERENCES meeting_rule(id)\n"
	"              ON DELETE SET NULL,\n"		/* NULL: by hand */
	"  source_id   INTEGER REFERENCES meeting(id) ON DELETE SET NULL,\n"
	"  created_at  INTEGER NOT NULL,\n"
	"  UNIQUE (rule_id, source_id)\n"
	");\n"
	"CREATE INDEX meeting_by_group ON meeting(grp, start_at);\n"
	"CREATE INDEX meeting_by_source ON meeting(source_id);\n",

	/* 10 -> 11: how long a post may wait for a moderator (--hold-days):
	 * then mootd rejects it (list/hold_end.c) */
	"ALTER TABLE list ADD COLUMN hold_days INTEGER NOT NULL DEFAULT 14;\n",

	/*
	 * 11 -> 12: invitations and attendance (db_invite.c).  A list's
	 * meeting reminders ("14d,2d"; NULL: the default).  Each invitation,
	 * update and cancellation sent is a row, written in the transaction
	 * that queues the mail, so a restart never sends one again; a
	 * reminder is keyed by its offset and the meeting's sequence, so a
	 * moved meeting is reminded again.  A member's answer (the latest
	 * wins) and who attended are kept by address, as members are.
	 */
	"ALTER TABLE list ADD COLUMN meeting_reminders TEXT;\n"
	"CREATE TABLE meeting_sent (\n"
	"  meeting_id INTEGER NOT NULL REFERENCES meeting(id)\n"
	"             ON DELETE CASCADE,\n"
	"  what       TEXT NOT NULL\n"
	"             CHECK (what IN ('remind','update','cancel')),\n"
	"  days       INTEGER NOT NULL,\n"		/* remind: the offset */
	"  sequence   INTEGER NOT NULL,\n"
	"  sent_at    INTEGER NOT NULL,\n"
	"  UNIQUE (meeting_id, what, days, sequence)\n"
	");\n"
	"CREATE TABLE meeting_answer (\n"
	"  meeting_id  INTEGER NOT NULL REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  addr        TEXT NOT NULL,\n"
	"  answer      TEXT NOT NULL\n"
	"              CHECK (answer IN ('accepted','declined','tentative')),\n"
	"  answered_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (meeting_id, addr)\n"
	");\n"
	"CREATE TABLE meeting_attended (\n"
	"  meeting_id  INTEGER NOT NULL REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  addr        TEXT NOT NULL,\n"
	"  recorded_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (meeting_id, addr)\n"
	");\n",

	/*
	 * 12 -> 13: digests (db_digest.c).  Every post a list with a digest
	 * schedule begins to distribute is kept in digest_post, in that
	 * order (seq), by a trigger, so that no way into 'distributing' can
	 * forget it; retention keeps its spool row while a digest member
	 * has not had it (db_purge.c).  A member in digest mode has had the
	 * posts up to digest_upto and the digest of the scheduled instant
	 * digest_slot; entering digest mode starts them from that moment.
	 * list.digest_since is when the schedule was set: only its times
	 * after that count.  (db_list.c sets these two moments: a trigger
	 * cannot, since moot_now(), clock_now() lent to SQL by db_open()
	 * so that MOOT_NOW holds, is unknown to other programs, whose
	 * writes would then fail.)
	 */
	"ALTER TABLE list ADD COLUMN digest_since INTEGER;\n"
	"UPDATE list SET digest_since = moot_now() WHERE digest_at IS NOT NULL;\n"
	"ALTER TABLE member ADD COLUMN digest_form TEXT NOT NULL\n"
	"  DEFAULT 'mime' CHECK (digest_form IN ('mime','plain'));\n"
	"ALTER TABLE member ADD COLUMN digest_upto INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE member ADD COLUMN digest_slot INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE member SET digest_slot = moot_now() WHERE mode = 'digest';\n"
	"CREATE TABLE digest_post (\n"
	"  seq      INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  list_id  INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  spool_id INTEGER NOT NULL UNIQUE REFERENCES spool(id)\n"
	"           ON DELETE CASCADE\n"
	");\n"
	"CREATE INDEX digest_post_by_list ON digest_post(list_id, seq);\n"
	"CREATE TRIGGER digest_post_keep AFTER UPDATE OF state ON spool\n"
	"  WHEN NEW.state = 'distributing' AND OLD.state <> 'distributing'\n"
	"  AND NEW.kind = 'post' AND NEW.list_id IS NOT NULL AND\n"
	"  (SELECT digest_at FROM list WHERE id = NEW.list_id) IS NOT NULL\n"
	"BEGIN\n"
	"  INSERT OR IGNORE INTO digest_post (list_id, spool_id)\n"
	"  VALUES (NEW.list_id, NEW.id);\n"
	"END;\n",

	/* 13 -> 14: a meeting's notes (LIST-notes@), kept here with their
	 * text since the spool's copy is purged, and the lists whose weekly
	 * update carries a group's notes (--notes-to "a,b"). */
	"ALTER TABLE list ADD COLUMN notes_to TEXT;\n"
	"CREATE TABLE meeting_notes (\n"
	"  spool_id    INTEGER PRIMARY KEY,\n"
	"  meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,\n"
	"  list_id     INTEGER NOT NULL REFERENCES list(id)\n"
	"              ON DELETE CASCADE,\n"
	"  sender      TEXT,\n"
	"  subject     TEXT,\n"
	"  text        TEXT NOT NULL,\n"
	"  received_at INTEGER NOT NULL,\n"
	"  approved_at INTEGER\n"
	");\n"
	"CREATE INDEX meeting_notes_approved ON meeting_notes (approved_at);\n",

	/*
	 * 14 -> 15: the weekly update (db_sched.c).  A newsletter list has a
	 * schedule (newsletter_at, "Mon 10:00"; newsletter_since: when it
	 * was set, as for digests) and its posts are kept in digest_post
	 * too, so the trigger keeps the posts of either kind of list.  A
	 * member has had the update of the instant news_slot and the posts
	 * up to news_upto; news_each says that they asked for each post as
	 * well ("set mail"): a newsletter list's default is the update
	 * alone, which is a flag beside the mode, not a mode, so that the
	 * mode's CHECK (and the member table) stay as they are.
	 */
	"ALTER TABLE list ADD COLUMN newsletter_at TEXT;\n"
	"ALTER TABLE list ADD COLUMN newsletter_since INTEGER;\n"
	"ALTER TABLE member ADD COLUMN news_each INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE member ADD COLUMN news_slot INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE member ADD COLUMN news_upto INTEGER NOT NULL DEFAULT 0;\n"
	"DROP TRIGGER digest_post_keep;\n"
	"CREATE TRIGGER digest_post_keep AFTER UPDATE OF state ON spool\n"
	"  WHEN NEW.state = 'distributing' AND OLD.state <> 'distributing'\n"
	"  AND NEW.kind = 'post' AND NEW.list_id IS NOT NULL AND\n"
	"  (SELECT digest_at IS NOT NULL OR newsletter_at IS NOT NULL\n"
	"   FROM list WHERE id = NEW.list_id)\n"
	"BEGIN\n"
	"  INSERT OR IGNORE INTO digest_post (list_id, spool_id)\n"
	"  VALUES (NEW.list_id, NEW.id);\n"
	"END;\n",

	/*
	 * 15 -> 16: agendas, papers and board seats (db_agenda.c).  Items
	 * members sent to LIST-agenda, in the order received, each marked
	 * late if the agenda had gone; papers, kept whole, to go with the
	 * agenda; a row when the agenda went, written in the transaction
	 * that queues it, so a restart never sends it twice; and who takes
	 * the partnership's (at most three) seats at a board meeting.  A
	 * list's agenda goes agenda_days before each of its meetings.
	 */
	"ALTER TABLE list ADD COLUMN agenda_days INTEGER NOT NULL DEFAULT 7;\n"
	"CREATE TABLE agenda_item (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  meeting_id  INTEGER NOT NULL REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  addr        TEXT NOT NULL,\n"
	"  name        TEXT NOT NULL,\n"	/* display name, or addr */
	"  text        TEXT NOT NULL,\n"
	"  late        INTEGER NOT NULL DEFAULT 0,\n"
	"  received_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, id);\n"
	"CREATE TABLE agenda_paper (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  meeting_id  INTEGER NOT NULL REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  filename    TEXT NOT NULL,\n"
	"  ctype       TEXT NOT NULL,\n"
	"  data        BLOB NOT NULL,\n"
	"  added_by    TEXT NOT NULL,\n"
	"  late        INTEGER NOT NULL DEFAULT 0,\n"
	"  added_at    INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE agenda_sent (\n"
	"  meeting_id  INTEGER PRIMARY KEY REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  sent_at     INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE meeting_seat (\n"
	"  meeting_id  INTEGER NOT NULL REFERENCES meeting(id)\n"
	"              ON DELETE CASCADE,\n"
	"  seat        INTEGER NOT NULL CHECK (seat BETWEEN 1 AND 3),\n"
	"  addr        TEXT NOT NULL,\n"
	"  PRIMARY KEY (meeting_id, seat)\n"
	");\n",

	/* 16 -> 17: the organisation a member belongs to, as it was typed
	 * (trimmed; NULL: none), for member ls --attendance (issue 13) and
	 * one vote per organisation (issue 14); names are compared folded
	 * (fold_word), so the column keeps the spelling people chose. */
	"ALTER TABLE member ADD COLUMN org TEXT;\n",
	/* 17 -> 18: a digest even when nothing was posted since the last
	 * (list set --digest-empty), for lists whose members want to know
	 * the list is alive (issue 13). */
	"ALTER TABLE list ADD COLUMN digest_empty INTEGER NOT NULL DEFAULT 0;\n",
	/* 18 -> 19: after a meeting its notes-taker, or else its
	 * organisers, are asked once who attended, and answer by reply
	 * (cal_attend.c, issue 13). */
	"CREATE TABLE meeting_attend_asked (\n"
	"  meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id)\n"
	"             ON DELETE CASCADE,\n"
	"  asked_at   INTEGER NOT NULL\n"
	");\n",
	/* 19 -> 20: members who left, for the report's membership figures
	 * (moot report, issue 14): a member's row goes when they leave and
	 * the audit log's "leave" line may be purged ([retention] audit).
	 * Only the list, the language and the dates are kept: figures need
	 * no address.  Leaves before this version come from the audit log,
	 * their language and when they joined unknown (NULL). */
	"CREATE TABLE member_left (\n"
	"  id        INTEGER PRIMARY KEY,\n"
	"  list_id   INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,\n"
	"  language  TEXT,\n"				/* NULL: the list's */
	"  joined_at INTEGER,\n"
	"  left_at   INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX member_left_by_list ON member_left(list_id, left_at);\n"
	"INSERT INTO member_left (list_id, left_at) SELECT list_id, at\n"
	"  FROM audit WHERE action = 'leave' AND list_id IN\n"
	"  (SELECT id FROM list);\n",
	/*
	 * 20 -> 21: priorities, what a passed proposal does, statements and
	 * the priorities' yearly review (db_priority.c).  A priority is
	 * proposed (waiting for a proposal to adopt it), current (agreed
	 * at agreed_at) or retired; the task-and-finish lists working on
	 * it go with it, and leave with their list.  gov_effect keeps what
	 * a proposal does when it passes, by the proposal's id: no foreign
	 * key, since proposals keep their own table; done_at is set in the
	 * transaction that carries it out, so it is done once.  A
	 * statement is a passed proposal's text, kept as agreed.  A
	 * priority_review row is one question to the strategy list's
	 * owners: written in the transaction that queues the question, so
	 * it goes once; answered by the first clear yes or no.
	 */
	"CREATE TABLE priority (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  title       TEXT NOT NULL,\n"
	"  text        TEXT NOT NULL DEFAULT '',\n"
	"  state       TEXT NOT NULL CHECK (state IN ('proposed', 'current',\n"
	"              'retired')),\n"
	"  created_at  INTEGER NOT NULL,\n"
	"  agreed_at   INTEGER,\n"
	"  retired_at  INTEGER\n"
	");\n"
	"CREATE TABLE priority_list (\n"
	"  priority_id INTEGER NOT NULL REFERENCES priority(id)\n"
	"              ON DELETE CASCADE,\n"
	"  list_id     INTEGER NOT NULL REFERENCES list(id)\n"
	"              ON DELETE CASCADE,\n"
	"  PRIMARY KEY (priority_id, list_id)\n"
	");\n"
	"CREATE TABLE gov_effect (\n"
	"  decision_id INTEGER PRIMARY KEY,\n"
	"  kind        TEXT NOT NULL,\n"
	"  arg         TEXT NOT NULL,\n"
	"  done_at     INTEGER\n"
	");\n"
	"CREATE TABLE statement (\n"
	"  decision_id INTEGER PRIMARY KEY,\n"
	"  title       TEXT NOT NULL,\n"
	"  text        TEXT NOT NULL,\n"
	"  agreed_at   INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX statement_agreed ON statement (agreed_at);\n"
	"CREATE TABLE priority_review (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  asked_at    INTEGER NOT NULL,\n"
	"  answer      TEXT CHECK (answer IN ('yes', 'no')),\n"
	"  answered_at INTEGER,\n"
	"  answered_by TEXT,\n"
	"  decision_id INTEGER\n"	/* the review's proposal, after a yes */
	");\n",
	/* 21 -> 22: decisions (issue 14): proposals by consensus and
	 * votes, the electorate each had when it opened (a voter's key is
	 * their address, or their organisation's on a vote by
	 * organisation), and ballots.  A ballot names its voter only while
	 * the voter may change it: voter_key, addr and cast_at are NULL
	 * once the result is final, and the text of the mail that carried
	 * it is dropped (db_decision.h). */
	"CREATE TABLE decision (\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  list_id      INTEGER NOT NULL REFERENCES list(id)\n"
	"               ON DELETE CASCADE,\n"
	"  kind         TEXT NOT NULL CHECK (kind IN ('consensus','vote')),\n"
	"  title        TEXT NOT NULL,\n"
	"  text         TEXT NOT NULL,\n"
	"  proposer     TEXT NOT NULL,\n"
	"  options      TEXT NOT NULL,\n"
	"  per_org      INTEGER NOT NULL DEFAULT 0,\n"
	"  open_ballot  INTEGER NOT NULL DEFAULT 0,\n"
	"  keep_removed INTEGER NOT NULL DEFAULT 0,\n"
	"  parent_id    INTEGER REFERENCES decision(id),\n"
	"  opened_at    INTEGER NOT NULL,\n"
	"  closes_at    INTEGER NOT NULL,\n"
	"  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN\n"
	"               ('open','casting','asking','passed','failed',\n"
	"               'amended','pending')),\n"
	"  chair        TEXT,\n"
	"  casting      TEXT,\n"
	"  result       TEXT,\n"
	"  outcome      TEXT,\n"
	"  electorate   INTEGER NOT NULL DEFAULT 0,\n"
	"  turnout      INTEGER NOT NULL DEFAULT 0,\n"
	"  decided_at   INTEGER,\n"
	"  reminded_at  INTEGER,\n"
	"  told_at      INTEGER\n"
	");\n"
	"CREATE INDEX decision_state ON decision(state, closes_at);\n"
	"CREATE TABLE decision_voter (\n"
	"  decision_id  INTEGER NOT NULL REFERENCES decision(id)\n"
	"               ON DELETE CASCADE,\n"
	"  addr         TEXT NOT NULL,\n"
	"  voter_key    TEXT NOT NULL,\n"
	"  PRIMARY KEY (decision_id, addr)\n"
	");\n"
	"CREATE TABLE decision_ballot (\n"
	"  id           INTEGER PRIMARY KEY,\n"
	"  decision_id  INTEGER NOT NULL REFERENCES decision(id)\n"
	"               ON DELETE CASCADE,\n"
	"  voter_key    TEXT,\n"
	"  addr         TEXT,\n"
	"  choice       TEXT NOT NULL,\n"
	"  reason       TEXT,\n"
	"  cast_at      INTEGER,\n"
	"  UNIQUE (decision_id, voter_key)\n"
	");\n"
	/* The answers that came by mail and the receipts that went, until
	 * the decision closes: then their text is dropped too. */
	"CREATE TABLE decision_mail (\n"
	"  decision_id  INTEGER NOT NULL REFERENCES decision(id)\n"
	"               ON DELETE CASCADE,\n"
	"  spool_id     INTEGER NOT NULL,\n"
	"  PRIMARY KEY (decision_id, spool_id)\n"
	");\n",
	/* 22 -> 23: what a list does about the DMARC policy of a post's
	 * From: domain (list set --dmarc, --dmarc-author; issue 15):
	 * rewrite the From: always, for strict policies (auto) or never,
	 * and whether the author then goes in Reply-To: or Cc:; and
	 * whether the copies carry the footer. */
	"ALTER TABLE list ADD COLUMN dmarc TEXT NOT NULL DEFAULT 'auto';\n"
	"ALTER TABLE list ADD COLUMN dmarc_author TEXT NOT NULL "
	"DEFAULT 'reply-to';\n"
	/* And a list without a footer (list set --no-footer), whose
	 * copies, with no subject prefix either, keep the author's DKIM
	 * signature whole. */
	"ALTER TABLE list ADD COLUMN footer_off INTEGER NOT NULL DEFAULT 0;\n",
	/* 23 -> 24: bounce scores (issue 15, threat B8), one row per
	 * member whose mail came back: the score in half points (a hard
	 * failure 2, a persistent soft one 1, at most once a day), the
	 * day its period began and the day of the last bounce read (days
	 * since 1970, UTC), and when delivery stopped (NULL: it goes on).
	 * A member removed takes their row along. */
	"CREATE TABLE bounce (\n"
	"  member_id   INTEGER PRIMARY KEY REFERENCES member(id)\n"
	"              ON DELETE CASCADE,\n"
	"  halves      INTEGER NOT NULL DEFAULT 0,\n"
	"  first_day   INTEGER NOT NULL,\n"
	"  last_day    INTEGER NOT NULL,\n"
	"  disabled_at INTEGER\n"
	");\n",
	/* 24 -> 25: a list's own bounce threshold and period (list set
	 * --bounce-threshold, --bounce-period; issue 15); NULL: the site's
	 * [bounces] threshold and period.  The period as it was given, for
	 * list show, like escalate_given. */
	"ALTER TABLE list ADD COLUMN bounce_threshold INTEGER;\n"
	"ALTER TABLE list ADD COLUMN bounce_period INTEGER;\n"
	"ALTER TABLE list ADD COLUMN bounce_period_given TEXT;\n",
	/* 25 -> 26: mootd writes a delivery record for every recipient,
	 * and SQLite (3.40) checks "status IN (...)" by building the list
	 * again for each row: the same rule as three comparisons took a
	 * tenth off mootd's CPU in a bulk fan-out (bench/PROFILE.md).  A
	 * CHECK cannot be altered, so the table is copied.  And the
	 * members whose term ends, looked for at each round of mootd, are
	 * found in an index of those with a term, not by reading every
	 * member of every list. */
	"CREATE TABLE delivery_v26 (\n"
	"  spool_id INTEGER NOT NULL REFERENCES spool(id) ON DELETE CASCADE,\n"
	"  addr     TEXT NOT NULL,\n"
	"  status   TEXT NOT NULL\n"
	"           CHECK (status = 'sent' OR status = 'failed' OR\n"
	"           status = 'deferred'),\n"
	"  code     INTEGER,\n"
	"  reply    TEXT,\n"
	"  at       INTEGER NOT NULL,\n"
	"  PRIMARY KEY (spool_id, addr)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO delivery_v26 (spool_id, addr, status, code, reply, at)\n"
	"  SELECT spool_id, addr, status, code, reply, at FROM delivery;\n"
	"DROP TABLE delivery;\n"
	"ALTER TABLE delivery_v26 RENAME TO delivery;\n"
	"CREATE INDEX member_term_due ON member(term_end)\n"
	"  WHERE term_end IS NOT NULL;\n",
	/* 26 -> 27: mootd makes the List-Unsubscribe tokens of members
	 * added since the last post while it has nothing else to do (a
	 * list of 1,000 just imported: some 25 ms off its first post),
	 * and looks for such members after each round: an index of those
	 * without a token holds none most of the time, where reading the
	 * list's members would read all of them. */
	"CREATE INDEX member_tokenless ON member(list_id, id)\n"
	"  WHERE leave_token_id IS NULL;\n",
};

/* db_schema_version - see db.h */
int
db_schema_version(void)
{
	return ((int)nitems(migrations));
}

/* db_schema_step - see db.h */
const char *
db_schema_step(int v)
{
	return (v >= 0 && v < (int)nitems(migrations) ? migrations[v] : NULL);
}
