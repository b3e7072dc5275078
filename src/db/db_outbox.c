/*
 * db_outbox.c - the outbox of mail moot writes itself; see db_outbox.h
 */
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_mailbox.h"
#include "db/db_outbox.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

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

/*
 * A notice ends with its text: a request to a moderator or a
 * confirmation holds a live token, and the database keeps no token once
 * it has been handed over (threat B1; tokens themselves are hashes).
 */
static const char SQL_OUTBOX_FINISH[] =
    "UPDATE outbox SET state = ?2, reason = ?3, sent_at = CASE WHEN ?2 = "
    "'sent' THEN ?4 END, raw = x'' WHERE id = ?1";

int
outbox_finish(struct db *db, int64_t id, enum outbox_end end,
    const char *reason)
{
	return (db_exec(db, SQL_OUTBOX_FINISH, "itti", id,
	    end == OUTBOX_SENT ? "sent" : "failed", reason,
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
    "SELECT count(*) FROM outbox WHERE created_at >= ?2 "
    "AND instr(',' || ?1 || ',', ',' || purpose || ',') > 0 AND "
    DB_MAILBOX("rcpt", "3", "4", "5");

int
outbox_count_since(struct db *db, const char *purposes,
    const struct addr_mailbox *mb, int64_t since, int64_t *n)
{
	return (db_one_int(db, n, SQL_OUTBOX_COUNT, "tittt", purposes, since,
	    mb->base, mb->at_domain, mb->delim));
}

static const char SQL_OUTBOX_COUNT_DOMAIN[] =
    "SELECT count(*) FROM outbox WHERE created_at >= ?2 "
    "AND instr(',' || ?1 || ',', ',' || purpose || ',') > 0 AND "
    DB_AT_DOMAIN("rcpt", "3");

int
outbox_count_domain(struct db *db, const char *purposes,
    const struct addr_mailbox *mb, int64_t since, int64_t *n)
{
	return (db_one_int(db, n, SQL_OUTBOX_COUNT_DOMAIN, "tit", purposes,
	    since, mb->at_domain));
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

static const char SQL_OUTBOX_TOLD_ABOUT[] =
    "SELECT count(*) FROM outbox WHERE spool_id = ?1 AND rcpt = ?2 AND "
    "created_at >= ?3 AND purpose = ?4";

int
outbox_told_about(struct db *db, int64_t spool_id, const char *rcpt,
    int64_t since, const char *purpose, int64_t *n)
{
	return (db_one_int(db, n, SQL_OUTBOX_TOLD_ABOUT, "itit", spool_id,
	    rcpt, since, purpose));
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
