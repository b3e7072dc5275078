/*
 * db_queue.c - delivery records and the outbox; see db_queue.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_queue.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/*
 * Walks members in id order from a cursor, so each batch costs a range
 * of member_by_list and one primary-key probe per member: never a sort
 * of the list or a scan of all delivery records per batch.
 */
/*
 * Digest members get each post until moot builds digests (a later
 * issue): a member who asked for fewer mails must not get none.
 */
static const char SQL_DELIVERY_BATCH[] =
    "SELECT m.id, m.addr, m.leave_token FROM member m WHERE m.list_id = ?1 "
    "AND m.mode IN ('mail', 'digest') AND m.id > ?2 AND NOT EXISTS (SELECT 1 FROM "
    "delivery d WHERE d.spool_id = ?3 AND d.addr = m.addr AND "
    "d.status IN ('sent', 'failed')) ORDER BY m.id LIMIT ?4";

/* Mail to L-owner goes to the owners, whatever their delivery mode. */
static const char SQL_DELIVERY_BATCH_OWNERS[] =
    "SELECT m.id, m.addr, m.leave_token FROM member m WHERE m.list_id = ?1 "
    "AND m.role = 'owner' AND m.id > ?2 AND NOT EXISTS (SELECT 1 FROM "
    "delivery d WHERE d.spool_id = ?3 AND d.addr = m.addr AND "
    "d.status IN ('sent', 'failed')) ORDER BY m.id LIMIT ?4";

int
delivery_batch(struct db *db, int64_t spool_id, int64_t list_id,
    enum audience who, int64_t *cursor, int64_t limit,
    void (*cb)(const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc, n = 0;

	if ((st = db_query(db, who == AUDIENCE_OWNERS ?
	    SQL_DELIVERY_BATCH_OWNERS : SQL_DELIVERY_BATCH, "iiii", list_id,
	    *cursor, spool_id, limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		*cursor = sqlite3_column_int64(st, 0);
		cb(db_col_text(st, 1), db_col_text(st, 2), arg);
		n++;
	}
	if (rc != DB_OK)
		return (rc);
	return (n > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_DELIVERY_RECORD[] =
    "INSERT OR REPLACE INTO delivery (spool_id, addr, status, code, reply, "
    "at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
delivery_record(struct db *db, int64_t spool_id, const char *addr,
    const char *status, int code, const char *reply)
{
	return (db_exec(db, SQL_DELIVERY_RECORD, "ittiti",
	    spool_id, addr, status, (int64_t)code, reply,
	    (int64_t)clock_now()));
}

static const char SQL_DELIVERY_PENDING[] =
    "SELECT count(*) FROM member m WHERE m.list_id = ?1 "
    "AND (CASE ?3 WHEN 1 THEN m.role = 'owner' "
    "ELSE m.mode IN ('mail', 'digest') END) "
    "AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.spool_id = ?2 AND "
    "d.addr = m.addr AND d.status IN ('sent', 'failed'))";

int
delivery_pending(struct db *db, int64_t spool_id, int64_t list_id,
    enum audience who, int64_t *n)
{
	return (db_one_int(db, n, SQL_DELIVERY_PENDING, "iii", list_id,
	    spool_id, (int64_t)(who == AUDIENCE_OWNERS)));
}

static const char SQL_DELIVERY_COUNT[] =
    "SELECT count(*) FROM delivery WHERE spool_id = ?1 AND status = ?2";

int
delivery_count(struct db *db, int64_t spool_id, const char *status,
    int64_t *n)
{
	return (db_one_int(db, n, SQL_DELIVERY_COUNT, "it", spool_id, status));
}

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox (spool_id, list_id, purpose, env_from, rcpt, raw, "
    "created_at) VALUES (NULLIF(?1, 0), NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7)";

int
outbox_add(struct db *db, int64_t spool_id, int64_t list_id,
    const char *purpose, const char *env_from, const char *rcpt,
    const char *raw, size_t len)
{
	return (db_exec(db, SQL_OUTBOX_ADD, "iitttbi", spool_id, list_id,
	    purpose, env_from, rcpt, (const void *)raw, len,
	    (int64_t)clock_now()));
}

static const char SQL_OUTBOX_NEXT[] =
    "SELECT id, spool_id, list_id, purpose, env_from, rcpt, defers, "
    "first_defer_at, created_at FROM outbox WHERE state = 'queued' "
    "AND next_try <= ?1 AND id > ?2 ORDER BY id LIMIT 1";

static void *
outbox_row(sqlite3_stmt *st)
{
	struct outbox_item	*o = xcalloc(1, sizeof(*o));

	o->id = sqlite3_column_int64(st, 0);
	o->spool_id = sqlite3_column_int64(st, 1);
	o->list_id = sqlite3_column_int64(st, 2);
	o->purpose = xstrdup(db_col_text(st, 3));
	o->env_from = xstrdup(db_col_text(st, 4));
	o->rcpt = xstrdup(db_col_text(st, 5));
	o->defers = sqlite3_column_int64(st, 6);
	o->first_defer_at = sqlite3_column_int64(st, 7);
	o->created_at = sqlite3_column_int64(st, 8);
	return (o);
}

int
outbox_next(struct db *db, int64_t now, int64_t after,
    struct outbox_item **out)
{
	void	*p;
	int	 rc = db_fetch(db, db_query(db, SQL_OUTBOX_NEXT, "ii", now,
		    after), outbox_row, &p);

	*out = p;
	return (rc);
}

static const char SQL_OUTBOX_RAW[] = "SELECT raw FROM outbox WHERE id = ?1";

int
outbox_raw(struct db *db, int64_t id, struct vbuf *out)
{
	return (db_fetch_blob(db, db_query(db, SQL_OUTBOX_RAW, "i", id), out));
}

static const char SQL_OUTBOX_FINISH[] =
    "UPDATE outbox SET state = ?2, reason = ?3, sent_at = CASE WHEN ?2 = "
    "'sent' THEN ?4 END WHERE id = ?1";

int
outbox_finish(struct db *db, int64_t id, const char *state,
    const char *reason)
{
	return (db_exec(db, SQL_OUTBOX_FINISH, "itti", id, state, reason,
	    (int64_t)clock_now()));
}

static const char SQL_OUTBOX_DEFER[] =
    "UPDATE outbox SET defers = defers + 1, first_defer_at = "
    "coalesce(first_defer_at, ?2), next_try = ?3, reason = ?4 WHERE id = ?1";

int
outbox_defer(struct db *db, int64_t id, int64_t now, int64_t next_try,
    const char *reason)
{
	return (db_exec(db, SQL_OUTBOX_DEFER, "iiit", id, now, next_try,
	    reason));
}

static const char SQL_OUTBOX_COUNT[] =
    "SELECT count(*) FROM outbox WHERE rcpt = ?2 AND created_at >= ?3 "
    "AND instr(',' || ?1 || ',', ',' || purpose || ',') > 0";

int
outbox_count_since(struct db *db, const char *purposes, const char *rcpt,
    int64_t since, int64_t *n)
{
	return (db_one_int(db, n, SQL_OUTBOX_COUNT, "tti", purposes, rcpt,
	    since));
}

static const char SQL_OUTBOX_TOLD[] =
    "SELECT count(*) FROM outbox WHERE list_id = ?1 AND rcpt = ?2 AND "
    "created_at >= ?3 AND purpose = ?4";

int
outbox_told(struct db *db, int64_t list_id, const char *rcpt, int64_t since,
    const char *purpose, int64_t *n)
{
	return (db_one_int(db, n, SQL_OUTBOX_TOLD, "itit", list_id, rcpt,
	    since, purpose));
}

void
outbox_item_free(struct outbox_item **op)
{
	struct outbox_item	*o = *op;

	if (o == NULL)
		return;
	free(o->purpose);
	free(o->env_from);
	free(o->rcpt);
	free(o);
	*op = NULL;
}
