/*
 * db_request.c - membership requests; see db_request.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_request.h"
#include "util/sys_defs.h"

#define REQUEST_COLS							\
	"id, list_id, addr, action, mode, language, asked_by, state, "	\
	"created_at, expires_at FROM request "

static void *
request_row(sqlite3_stmt *st)
{
	struct request	*r = xcalloc(1, sizeof(*r));

	r->id = sqlite3_column_int64(st, 0);
	r->list_id = sqlite3_column_int64(st, 1);
	r->addr = db_col_dup(st, 2);
	r->action = db_col_dup(st, 3);
	r->mode = db_col_dup(st, 4);
	r->language = db_col_dup(st, 5);
	r->asked_by = db_col_dup(st, 6);
	r->state = db_col_dup(st, 7);
	r->created_at = sqlite3_column_int64(st, 8);
	r->expires_at = sqlite3_column_int64(st, 9);
	return (r);
}

static const char SQL_REQUEST_FIND_OPEN[] = "SELECT " REQUEST_COLS
    "WHERE list_id = ?1 AND addr = ?2 AND action = ?3 "
    "AND state IN ('confirming', 'approving')";

int
request_find_open(struct db *db, int64_t list_id, const char *addr,
    const char *action, struct request **out)
{
	void	*p = NULL;
	int	 rc = db_fetch(db, db_query(db, SQL_REQUEST_FIND_OPEN, "itt",
		    list_id, addr, action), request_row, &p);

	*out = p;
	return (rc);
}

static const char SQL_REQUEST_INSERT[] =
    "INSERT INTO request (list_id, addr, action, mode, language, asked_by, "
    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int
request_open(struct db *db, struct request *r, int64_t *id)
{
	struct request	*old = NULL;
	int		 rc;

	r->created_at = clock_now();
	rc = db_exec(db, SQL_REQUEST_INSERT, "itttttii", r->list_id, r->addr,
	    r->action, r->mode, r->language, r->asked_by, r->created_at,
	    r->expires_at);
	if (rc == DB_OK) {
		r->id = *id = db_last_id(db);
		return (DB_OK);
	}
	if (rc == DB_CONFLICT && request_find_open(db, r->list_id, r->addr,
	    r->action, &old) == DB_OK) {
		*id = old->id;
		request_free(&old);
	}
	return (rc);
}

static const char SQL_REQUEST_ONE[] = "SELECT " REQUEST_COLS "WHERE id = ?1";

int
request_load(struct db *db, int64_t id, struct request **out)
{
	void	*p = NULL;
	int	 rc = db_fetch(db, db_query(db, SQL_REQUEST_ONE, "i", id),
		    request_row, &p);

	*out = p;
	return (rc);
}

static const char SQL_REQUEST_STATE[] =
    "UPDATE request SET state = ?2, expires_at = coalesce(NULLIF(?3, 0), "
    "expires_at), decided_at = ?4, decided_by = ?5 WHERE id = ?1 "
    "AND state IN ('confirming', 'approving')";

int
request_set_state(struct db *db, int64_t id, const char *state,
    int64_t expires_at, const char *by)
{
	int	rc;

	if ((rc = db_exec(db, SQL_REQUEST_STATE, "itiit", id, state,
	    expires_at, (int64_t)clock_now(), by)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_REQUEST_EXPIRE[] =
    "UPDATE request SET state = 'expired' WHERE state IN ('confirming', "
    "'approving') AND expires_at <= ?1";

int
request_expire(struct db *db, int64_t now, int64_t *n)
{
	int	rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_REQUEST_EXPIRE, "i", now)) == DB_OK)
		*n = db_changes(db);
	return (rc);
}

static const char SQL_REQUEST_LIST_OPEN[] = "SELECT " REQUEST_COLS
    "WHERE list_id = ?1 AND state IN ('confirming', 'approving') "
    "ORDER BY id";

int
request_each_open(struct db *db, int64_t list_id,
    int (*cb)(const struct request *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct request	*r;
	int		 rc, stop = 0;

	if ((st = db_query(db, SQL_REQUEST_LIST_OPEN, "i", list_id)) == NULL)
		return (DB_ERR);
	while (!stop && (rc = db_step(db, st)) == DB_ROW) {
		r = request_row(st);
		stop = cb(r, arg);
		request_free(&r);
	}
	db_reset(st);
	return (stop ? DB_OK : rc);
}

void
request_free(struct request **rp)
{
	struct request	*r = *rp;

	if (r == NULL)
		return;
	free(r->addr);
	free(r->action);
	free(r->mode);
	free(r->language);
	free(r->asked_by);
	free(r->state);
	free(r);
	*rp = NULL;
}
