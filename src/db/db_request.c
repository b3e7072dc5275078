/*
 * db_request.c - membership requests; see db_request.h
 */
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_mailbox.h"
#include "db/db_request.h"
#include "util/sys_defs.h"

static const char *const request_actions[] = {
	[REQUEST_SUBSCRIBE] = "subscribe",
	[REQUEST_UNSUBSCRIBE] = "unsubscribe",
	[REQUEST_SET] = "set",
};
_Static_assert(nitems(request_actions) == REQUEST_NACTIONS,
    "a word for every request action");

static const char *const request_states[] = {
	[REQUEST_CONFIRMING] = "confirming",
	[REQUEST_APPROVING] = "approving",
	[REQUEST_DONE] = "done",
	[REQUEST_REFUSED] = "refused",
	[REQUEST_EXPIRED] = "expired",
};
_Static_assert(nitems(request_states) == REQUEST_NSTATES,
    "a word for every request state");

/* request_action_name - see db_request.h */
const char *
request_action_name(enum request_action a)
{
	return ((unsigned)a < REQUEST_NACTIONS ? request_actions[a] : "?");
}

/* request_state_name - see db_request.h */
const char *
request_state_name(enum request_state s)
{
	return ((unsigned)s < REQUEST_NSTATES ? request_states[s] : "?");
}

/* column_word - the index of column col's word in words[0..n), or n */
static size_t
column_word(sqlite3_stmt *st, int col, const char *const *words, size_t n)
{
	const char	*w = (const char *)sqlite3_column_text(st, col);
	size_t		 i;

	for (i = 0; w != NULL && i < n; i++)
		if (strcmp(words[i], w) == 0)
			return (i);
	return (n);
}

#define REQUEST_COLS							\
	"id, list_id, addr, action, mode, language, asked_by, state, "	\
	"created_at, expires_at FROM request "

/* request_row - one row as a new request */
static void *
request_row(sqlite3_stmt *st)
{
	struct request	*r = xcalloc(1, sizeof(*r));

	r->id = sqlite3_column_int64(st, 0);
	r->list_id = sqlite3_column_int64(st, 1);
	r->addr = db_col_dup(st, 2);
	r->action = column_word(st, 3, request_actions, REQUEST_NACTIONS);
	r->mode = db_col_dup(st, 4);
	r->language = db_col_dup(st, 5);
	r->asked_by = db_col_dup(st, 6);
	r->state = column_word(st, 7, request_states, REQUEST_NSTATES);
	r->created_at = sqlite3_column_int64(st, 8);
	r->expires_at = sqlite3_column_int64(st, 9);
	/* A newer moot's request: never work for this one (db_request.h). */
	if (r->action == REQUEST_NACTIONS || r->state == REQUEST_NSTATES)
		r->state = REQUEST_EXPIRED;
	return (r);
}

static const char SQL_REQUEST_FIND_OPEN[] = "SELECT " REQUEST_COLS
    "WHERE list_id = ?1 AND addr = ?2 AND action = ?3 "
    "AND state IN ('confirming', 'approving')";

/* request_find_open - see db_request.h */
int
request_find_open(struct db *db, int64_t list_id, const char *addr,
    enum request_action action, struct request **out)
{
	void	*p = NULL;
	int	 rc = db_fetch(db, db_query(db, SQL_REQUEST_FIND_OPEN, "itt",
		    list_id, addr, request_action_name(action)), request_row,
		    &p);

	*out = p;
	return (rc);
}

static const char SQL_REQUEST_INSERT[] =
    "INSERT INTO request (list_id, addr, action, mode, language, asked_by, "
    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* request_open - see db_request.h */
int
request_open(struct db *db, struct request *r, int64_t *id)
{
	struct request	*old = NULL;
	int		 rc;

	r->created_at = clock_now();
	rc = db_exec(db, SQL_REQUEST_INSERT, "itttttii", r->list_id, r->addr,
	    request_action_name(r->action), r->mode, r->language, r->asked_by,
	    r->created_at, r->expires_at);
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

/* request_load - see db_request.h */
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

/* request_set_state - see db_request.h */
int
request_set_state(struct db *db, int64_t id, enum request_state state,
    int64_t expires_at, const char *by)
{
	int	rc;

	if ((rc = db_exec(db, SQL_REQUEST_STATE, "itiit", id,
	    request_state_name(state), expires_at, (int64_t)clock_now(),
	    by)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_REQUEST_EXPIRE[] =
    "UPDATE request SET state = 'expired' WHERE state IN ('confirming', "
    "'approving') AND expires_at <= ?1";

/* request_expire - see db_request.h */
int
request_expire(struct db *db, int64_t now, int64_t *n)
{
	int	rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_REQUEST_EXPIRE, "i", now)) == DB_OK)
		*n = db_changes(db);
	return (rc);
}

static const char SQL_REQUEST_COUNT_ASKED[] =
    "SELECT count(*) FROM request WHERE created_at >= ?1 AND "
    "addr <> asked_by AND " DB_MAILBOX("asked_by", "2", "3", "4");

int
request_count_asked(struct db *db, const struct addr_mailbox *by,
    int64_t since, int64_t *n)
{
	return (db_one_int(db, n, SQL_REQUEST_COUNT_ASKED, "ittt", since,
	    by->base, by->at_domain, by->delim));
}

/* request_free - see db_request.h */
void
request_free(struct request **rp)
{
	struct request	*r = *rp;

	if (r == NULL)
		return;
	free(r->addr);
	free(r->mode);
	free(r->language);
	free(r->asked_by);
	free(r);
	*rp = NULL;
}
