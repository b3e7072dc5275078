/*
 * db_queue.c - what waits to go out; see db_queue.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_queue.h"
#include "util/sys_defs.h"

static const char SQL_QUEUE_POSTS[] =
    "SELECT s.id, s.list_name, coalesce(s.subject, ''), s.defers, "
    "s.next_try, s.reason, (SELECT count(*) FROM delivery d WHERE "
    "d.spool_id = s.id AND d.status = 'deferred') FROM spool s WHERE "
    "s.state IN ('approved', 'distributing') ORDER BY s.next_try, s.id";

static const char SQL_QUEUE_NOTICES[] =
    "SELECT o.id, coalesce(l.name, ''), o.purpose, o.rcpt, o.defers, "
    "o.next_try, o.reason FROM outbox o LEFT JOIN list l ON "
    "l.id = o.list_id WHERE o.state = 'queued' ORDER BY o.next_try, o.id";

/* each - the rows of st as kind; 1 if cb stopped, 0, or a DB_* error */
static int
each(struct db *db, sqlite3_stmt *st, enum queue_kind kind,
    int (*cb)(const struct queue_row *, void *), void *arg)
{
	struct queue_row	 r;
	int			 rc;

	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		r.kind = kind;
		r.id = sqlite3_column_int64(st, 0);
		r.list = db_col_text(st, 1);
		r.what = db_col_text(st, 2);
		if (kind == QUEUE_POST) {
			r.rcpt = NULL;
			r.defers = sqlite3_column_int64(st, 3);
			r.next_try = sqlite3_column_int64(st, 4);
			r.reason = sqlite3_column_type(st, 5) == SQLITE_NULL ?
			    NULL : db_col_text(st, 5);
			r.deferred = sqlite3_column_int64(st, 6);
		} else {
			r.rcpt = db_col_text(st, 3);
			r.defers = sqlite3_column_int64(st, 4);
			r.next_try = sqlite3_column_int64(st, 5);
			r.reason = sqlite3_column_type(st, 6) == SQLITE_NULL ?
			    NULL : db_col_text(st, 6);
			r.deferred = 0;
		}
		if (cb(&r, arg) != 0) {
			db_reset(st);
			return (1);
		}
	}
	return (rc);
}

/* queue_each - see db_queue.h */
int
queue_each(struct db *db, int (*cb)(const struct queue_row *, void *),
    void *arg)
{
	int	rc;

	if ((rc = each(db, db_query(db, SQL_QUEUE_POSTS, ""), QUEUE_POST, cb,
	    arg)) != DB_OK)
		return (rc == 1 ? DB_OK : rc);
	rc = each(db, db_query(db, SQL_QUEUE_NOTICES, ""), QUEUE_NOTICE, cb,
	    arg);
	return (rc == 1 ? DB_OK : rc);
}

static const char SQL_FLUSH_POSTS[] =
    "UPDATE spool SET next_try = ?1 WHERE state IN ('approved', "
    "'distributing') AND next_try > ?1";
static const char SQL_FLUSH_NOTICES[] =
    "UPDATE outbox SET next_try = ?1 WHERE state = 'queued' AND "
    "next_try > ?1";

/* queue_flush - see db_queue.h */
int
queue_flush(struct db *db, int64_t now, int64_t *n)
{
	int	rc;

	*n = 0;
	if ((rc = db_begin(db)) != DB_OK)
		return (rc);
	if ((rc = db_exec(db, SQL_FLUSH_POSTS, "i", now)) != DB_OK)
		goto fail;
	*n += db_changes(db);
	if ((rc = db_exec(db, SQL_FLUSH_NOTICES, "i", now)) != DB_OK)
		goto fail;
	*n += db_changes(db);
	if ((rc = db_commit(db)) == DB_OK)
		return (DB_OK);
fail:
	db_rollback(db);
	*n = 0;
	return (rc);
}
