/*
 * db_spool.c - messages and the spool; see db_spool.h
 */
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_spool.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static const char *const spool_states[] = {
	[SPOOL_SPOOLED] = "spooled",
	[SPOOL_HELD] = "held",
	[SPOOL_APPROVED] = "approved",
	[SPOOL_REJECTED] = "rejected",
	[SPOOL_DISCARDED] = "discarded",
	[SPOOL_DISTRIBUTING] = "distributing",
	[SPOOL_SENT] = "sent",
	[SPOOL_FAILED] = "failed",
	[SPOOL_DONE] = "done",
};
_Static_assert(nitems(spool_states) == SPOOL_NSTATES,
    "a word for every spool state");

/* spool_state_name - see db_spool.h */
const char *
spool_state_name(enum spool_state s)
{
	return ((unsigned)s < SPOOL_NSTATES ? spool_states[s] : "?");
}

/* spool_state_parse - see db_spool.h */
int
spool_state_parse(const char *word, enum spool_state *s)
{
	for (size_t i = 0; i < SPOOL_NSTATES; i++)
		if (strcmp(spool_states[i], word) == 0) {
			*s = (enum spool_state)i;
			return (0);
		}
	return (-1);
}

static const char SQL_MESSAGE_INSERT[] =
    "INSERT INTO message (received_at, via, queue_id, env_from, "
    "client_addr, client_name, auth_user, auth_results, size, body_sha256, "
    "raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char SQL_SPOOL_INSERT[] =
    "INSERT INTO spool (message_id, rcpt, list_id, list_name, kind, token, "
    "created_at, updated_at) VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, "
    "?7, ?7)";

/*
 * body_digest - SHA-256 of what follows the header section, so that the
 * same post retried through another hop (new Received: fields) matches,
 * and with every CRLF read as LF, so that the same post stored once by
 * the milter (CRLF) and once through a pipe (LF) matches too.  nettle's
 * SHA-256 is a plain call: OpenSSL 3's first digest in a process set up
 * its providers, 0.3 to 0.45 ms of the 3 to 4 ms of CPU an injection
 * took, and 2 MB of resident memory (bench/PROFILE-ingest.md).
 */
static void
body_digest(const char *raw, size_t len, unsigned char out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;
	size_t		 i, start = len, run;

	for (i = 0; i + 1 < len; i++) {
		if (raw[i] != '\n')
			continue;
		if (raw[i + 1] == '\n') {
			start = i + 2;
			break;
		}
		if (raw[i + 1] == '\r' && i + 2 < len && raw[i + 2] == '\n') {
			start = i + 3;
			break;
		}
	}
	sha256_init(&ctx);
	/* Feed each run up to a CR that ends a line, leaving the CR out. */
	for (i = start; i < len; i += run) {
		for (run = 0; i + run < len; run++)
			if (raw[i + run] == '\r' && i + run + 1 < len &&
			    raw[i + run + 1] == '\n')
				break;
		sha256_update(&ctx, run, (const uint8_t *)raw + i);
		if (i + run < len)
			run++;		/* the CR */
	}
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

/*
 * rcpt_same - a and b name the same list address: the same list, kind
 * and token as listaddr_route() read them (folded), however the MTA or
 * the command line spelled them
 */
static int
rcpt_same(const struct spool_rcpt *a, const struct spool_rcpt *b)
{
	return (a->kind == b->kind && strcmp(a->list_name, b->list_name) ==
	    0 && (a->token == NULL ? b->token == NULL : b->token != NULL &&
	    strcmp(a->token, b->token) == 0));
}

/* spool_rcpt_repeated - see db_spool.h */
int
spool_rcpt_repeated(const struct spool_in *in, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (rcpt_same(&in->rcpts[k], &in->rcpts[i]))
			return (1);
	return (0);
}

/* spool_store - see db_spool.h */
int
spool_store(struct db *db, const struct spool_in *in, int64_t *message_id)
{
	unsigned char	 digest[SHA256_DIGEST_SIZE];
	int64_t		 mid, now = in->received_at;
	size_t		 i;
	int		 rc;

	body_digest(in->raw, in->len, digest);
	if ((rc = db_begin(db)) != DB_OK)
		return (rc);
	rc = db_exec(db, SQL_MESSAGE_INSERT, "itttttttibb", now, in->via,
	    in->queue_id, in->env_from, in->client_addr, in->client_name,
	    in->auth_user, in->auth_results, (int64_t)in->len,
	    (const void *)digest, sizeof(digest), (const void *)in->raw,
	    in->len);
	if (rc != DB_OK)
		goto fail;
	mid = db_last_id(db);
	for (i = 0; i < in->nrcpts; i++) {
		const struct spool_rcpt *r = &in->rcpts[i];

		/* One message, one copy: a list address given twice in
		 * one transaction is stored (and handled) once (A3). */
		if (spool_rcpt_repeated(in, i))
			continue;
		rc = db_exec(db, SQL_SPOOL_INSERT, "itittti", mid, r->rcpt,
		    r->list_id, r->list_name, listaddr_kind_name(r->kind),
		    r->token, now);
		if (rc != DB_OK)
			goto fail;
	}
	if ((rc = db_commit(db)) != DB_OK)
		return (rc);
	*message_id = mid;
	return (DB_OK);
fail:
	db_rollback(db);
	return (rc);
}

#define SPOOL_COLS							\
	"s.id, s.message_id, s.list_id, s.rcpt, s.list_name, s.kind, "	\
	"s.token, s.state, s.reason, s.unfinished, s.defers, "		\
	"s.first_defer_at, s.next_try, s.msgid, s.from_addr, s.subject, "	\
	"s.decided_by, s.decided_at, s.created_at, s.updated_at, "	\
	"m.queue_id, m.env_from, m.size, m.received_at, m.via, "	\
	"m.client_addr, m.client_name, m.auth_results "			\
	"FROM spool s JOIN message m ON m.id = s.message_id "

/* column_kind - the address kind a column names; AK_COUNT if unknown */
static enum listaddr_kind
column_kind(sqlite3_stmt *st, int col)
{
	const char		*w = (const char *)sqlite3_column_text(st, col);
	enum listaddr_kind	 k;

	return (w != NULL && listaddr_kind_parse(w, &k) == 0 ? k : AK_COUNT);
}

/*
 * column_state - the state a column names.  Only spool_set_state() and
 * the schema's default write the column, so a word we do not know is a
 * database from a newer moot: treat it as failed, never as work to do.
 */
static enum spool_state
column_state(sqlite3_stmt *st, int col)
{
	const char		*w = (const char *)sqlite3_column_text(st, col);
	enum spool_state	 s;

	return (w != NULL && spool_state_parse(w, &s) == 0 ? s : SPOOL_FAILED);
}

static void *
spool_row(sqlite3_stmt *st)
{
	struct spool_item	*s = xcalloc(1, sizeof(*s));

	s->id = sqlite3_column_int64(st, 0);
	s->message_id = sqlite3_column_int64(st, 1);
	s->list_id = sqlite3_column_int64(st, 2);
	s->rcpt = db_col_dup(st, 3);
	s->list_name = db_col_dup(st, 4);
	s->kind = column_kind(st, 5);
	s->token = db_col_dup(st, 6);
	s->state = column_state(st, 7);
	s->reason = db_col_dup(st, 8);
	s->unfinished = sqlite3_column_int64(st, 9);
	s->defers = sqlite3_column_int64(st, 10);
	s->first_defer_at = sqlite3_column_int64(st, 11);
	s->next_try = sqlite3_column_int64(st, 12);
	s->msgid = db_col_dup(st, 13);
	s->from_addr = db_col_dup(st, 14);
	s->subject = db_col_dup(st, 15);
	s->decided_by = db_col_dup(st, 16);
	s->decided_at = sqlite3_column_int64(st, 17);
	s->created_at = sqlite3_column_int64(st, 18);
	s->updated_at = sqlite3_column_int64(st, 19);
	s->queue_id = db_col_dup(st, 20);
	s->env_from = db_col_dup(st, 21);
	s->size = sqlite3_column_int64(st, 22);
	s->received_at = sqlite3_column_int64(st, 23);
	s->via = db_col_dup(st, 24);
	s->client_addr = db_col_dup(st, 25);
	s->client_name = db_col_dup(st, 26);
	s->auth_results = db_col_dup(st, 27);
	return (s);
}

static int
spool_one(struct db *db, sqlite3_stmt *st, struct spool_item **out)
{
	void	*p;
	int	 rc = db_fetch(db, st, spool_row, &p);

	*out = p;
	return (rc);
}

static const char SQL_SPOOL_BY_ID[] = "SELECT " SPOOL_COLS "WHERE s.id = ?1";

int
spool_load(struct db *db, int64_t id, struct spool_item **out)
{
	return (spool_one(db, db_query(db, SQL_SPOOL_BY_ID, "i", id), out));
}

static const char SQL_SPOOL_NEXT[] = "SELECT " SPOOL_COLS
    "WHERE s.state = ?1 AND s.next_try <= ?2 AND s.id > ?3 "
    "ORDER BY s.id LIMIT 1";

int
spool_next(struct db *db, enum spool_state state, int64_t now,
    int64_t after_id, struct spool_item **out)
{
	return (spool_one(db, db_query(db, SQL_SPOOL_NEXT, "tii",
	    spool_state_name(state), now,
	    after_id), out));
}

void
spool_item_free(struct spool_item **sp)
{
	struct spool_item	*s = *sp;

	if (s == NULL)
		return;
	free(s->rcpt);
	free(s->list_name);
	free(s->token);
	free(s->reason);
	free(s->msgid);
	free(s->from_addr);
	free(s->subject);
	free(s->decided_by);
	free(s->queue_id);
	free(s->env_from);
	free(s->via);
	free(s->client_addr);
	free(s->client_name);
	free(s->auth_results);
	free(s);
	*sp = NULL;
}

static const char SQL_MESSAGE_RAW[] = "SELECT raw FROM message WHERE id = ?1";

/* spool_raw - see db_spool.h */
int
spool_raw(struct db *db, int64_t message_id, struct vbuf *out)
{
	return (db_fetch_blob(db, db_query(db, SQL_MESSAGE_RAW, "i",
	    message_id), out));
}

static const char SQL_SPOOL_ATTEMPT[] =
    "UPDATE spool SET unfinished = unfinished + 1, updated_at = ?2 "
    "WHERE id = ?1";

int
spool_begin_attempt(struct db *db, int64_t id)
{
	return (db_exec(db, SQL_SPOOL_ATTEMPT, "ii", id,
	    (int64_t)clock_now()));
}

static const char SQL_SPOOL_END_ATTEMPT[] =
    "UPDATE spool SET unfinished = max(unfinished - 1, 0) "
    "WHERE id = ?1 AND state = 'spooled'";

int
spool_end_attempt(struct db *db, int64_t id)
{
	return (db_exec(db, SQL_SPOOL_END_ATTEMPT, "i", id));
}

static const char SQL_SPOOL_STATE[] =
    "UPDATE spool SET state = ?2, reason = ?3, unfinished = 0, "
    "updated_at = ?4 WHERE id = ?1";

int
spool_set_state(struct db *db, int64_t id, enum spool_state state,
    const char *reason)
{
	return (db_exec(db, SQL_SPOOL_STATE, "itti", id,
	    spool_state_name(state), reason,
	    (int64_t)clock_now()));
}

static const char SQL_SPOOL_RETRY[] =
    "UPDATE spool SET state = ?2, reason = NULL, unfinished = 0, "
    "next_try = 0, first_defer_at = NULL, defers = 0, updated_at = ?3 "
    "WHERE id = ?1";

int
spool_retry(struct db *db, int64_t id, enum spool_state state)
{
	return (db_exec(db, SQL_SPOOL_RETRY, "iti", id, spool_state_name(state),
	    (int64_t)clock_now()));
}

static const char SQL_SPOOL_HEADERS[] =
    "UPDATE spool SET msgid = ?2, from_addr = ?3, subject = ?4 "
    "WHERE id = ?1";

int
spool_set_headers(struct db *db, int64_t id, const char *msgid,
    const char *from_addr, const char *subject)
{
	return (db_exec(db, SQL_SPOOL_HEADERS, "ittt", id, msgid, from_addr,
	    subject));
}

static const char SQL_SPOOL_DEFER[] =
    "UPDATE spool SET defers = defers + 1, "
    "first_defer_at = coalesce(first_defer_at, ?2), next_try = ?3, "
    "reason = ?4, unfinished = 0, updated_at = ?2 WHERE id = ?1";

int
spool_defer(struct db *db, int64_t id, int64_t now, int64_t next_try,
    const char *reason)
{
	return (db_exec(db, SQL_SPOOL_DEFER, "iiit", id, now, next_try,
	    reason));
}

/*
 * A duplicate is an earlier row for the same list and address kind
 * whose message had the same body digest and either the same
 * Message-ID or, where neither had one, the same sender (the From
 * address, or without one the envelope sender) and subject: a client
 * that retries a post without a Message-ID sends all three again.
 *
 * "msgid IS ?2" says both halves at once (equal, or both NULL), so the
 * rows come from spool_by_msgid (list_id, msgid).  Written as "msgid =
 * ?2 OR (?2 IS NULL AND msgid IS NULL ...)", SQLite walked every row of
 * the list and read each one's message: some 1,000 page reads for each
 * post mootd routed on a list with 2,000 spooled.
 */
static const char SQL_SPOOL_DUP[] =
    "SELECT s.id FROM spool s JOIN message m ON m.id = s.message_id "
    "WHERE s.list_id = ?1 AND s.msgid IS ?2 AND s.id <> ?3 "
    "AND s.created_at >= ?4 AND s.kind = ?5 "
    "AND m.body_sha256 = (SELECT body_sha256 FROM message WHERE id = ?6) "
    "AND (?2 IS NOT NULL OR (coalesce(s.from_addr, m.env_from) IS "
    "coalesce(?7, (SELECT env_from FROM message WHERE id = ?6)) "
    "AND s.subject IS ?8)) "
    "AND s.state <> 'failed' ORDER BY s.id LIMIT 1";

int
spool_find_duplicate(struct db *db, const struct spool_item *s,
    int64_t since, int64_t *dup)
{
	if (s->list_id == 0)
		return (DB_NOTFOUND);
	return (db_one_int(db, dup, SQL_SPOOL_DUP, "itiititt", s->list_id,
	    s->msgid, s->id, since, listaddr_kind_name(s->kind), s->message_id,
	    s->from_addr, s->subject));
}

static const char SQL_SPOOL_EACH[] = "SELECT " SPOOL_COLS
    "WHERE (?1 IS NULL OR s.state = ?1) AND (?2 IS NULL OR s.list_name = ?2) "
    "ORDER BY s.id DESC LIMIT ?3";

int
spool_each(struct db *db, enum spool_state state, const char *list,
    int64_t limit,
    int (*cb)(const struct spool_item *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct spool_item	*s;
	int			 rc, stop = 0;

	if ((st = db_query(db, SQL_SPOOL_EACH, "tti", state == SPOOL_ANY ?
	    NULL : spool_state_name(state), list, limit)) == NULL)
		return (DB_ERR);
	while (!stop && (rc = db_step(db, st)) == DB_ROW) {
		s = spool_row(st);
		stop = cb(s, arg);
		spool_item_free(&s);
	}
	db_reset(st);
	return (stop ? DB_OK : rc);
}

static const char SQL_DUE[] =
    "SELECT (SELECT count(*) FROM spool WHERE state IN ('spooled', "
    "'approved') OR (state = 'distributing' AND next_try <= ?1)) + "
    "(SELECT count(*) FROM outbox WHERE state = 'queued' AND "
    "next_try <= ?1)";

int
spool_due(struct db *db, int64_t now, int64_t *n)
{
	return (db_one_int(db, n, SQL_DUE, "i", now));
}

static const char SQL_SPOOL_DECIDE[] =
    "UPDATE spool SET state = ?2, decided_by = ?3, decided_at = ?4, "
    "reason = ?5, unfinished = 0, updated_at = ?4 "
    "WHERE id = ?1 AND state = 'held'";

/* spool_decide - see db_spool.h */
int
spool_decide(struct db *db, int64_t id, enum spool_state state,
    const char *by, int64_t at, const char *reason)
{
	int	rc;

	if ((rc = db_exec(db, SQL_SPOOL_DECIDE, "ittit", id,
	    spool_state_name(state), by, at, reason)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_ESCALATED[] =
    "UPDATE spool SET escalated = ?2 WHERE id = ?1";

/* spool_escalated - see db_spool.h */
int
spool_escalated(struct db *db, int64_t id, int level)
{
	return (db_exec(db, SQL_ESCALATED, "ii", id, (int64_t)level));
}
