/*
 * db_asked.c - who was asked about held posts; see db_asked.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "db/db.h"
#include "db/db_asked.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Rows collected before the callbacks run: they may write, and no query
 * may be open then. */
struct collected {
	char	**addrs;	/* owned */
	int	 *levels;	/* owned; 0 when the query has no level */
	size_t	  n, cap;
};

/* collect - every row of st (from db_query(), or NULL if that failed):
 * an address, then its level if the query has one */
static int
collect(struct db *db, sqlite3_stmt *st, struct collected *c)
{
	int	rc;

	memset(c, 0, sizeof(*c));
	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 8;
			c->addrs = xreallocarray(c->addrs, c->cap,
			    sizeof(*c->addrs));
			c->levels = xreallocarray(c->levels, c->cap,
			    sizeof(*c->levels));
		}
		c->addrs[c->n] = xstrdup(db_col_text(st, 0));
		c->levels[c->n++] = sqlite3_column_count(st) > 1 ?
		    sqlite3_column_int(st, 1) : 0;
	}
	return (rc);
}

/* collected_free - what collect() kept */
static void
collected_free(struct collected *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->addrs[i]);
	free(c->addrs);
	free(c->levels);
	memset(c, 0, sizeof(*c));
}

static const char SQL_ASKED_ADD[] =
    "INSERT OR IGNORE INTO asked (spool_id, addr, level, at) "
    "VALUES (?1, ?2, ?3, ?4)";

/* asked_add - see db_asked.h */
int
asked_add(struct db *db, int64_t spool_id, const char *addr, int level,
    int64_t at)
{
	return (db_exec(db, SQL_ASKED_ADD, "itii", spool_id, addr,
	    (int64_t)level, at));
}

static const char SQL_ASKED_EACH[] =
    "SELECT addr, level FROM asked WHERE spool_id = ?1 ORDER BY at, addr";

/* asked_each - see db_asked.h */
int
asked_each(struct db *db, int64_t spool_id,
    int (*cb)(const char *, int, void *), void *arg)
{
	struct collected	c;
	int			rc;

	rc = collect(db, db_query(db, SQL_ASKED_EACH, "i", spool_id), &c);
	for (size_t i = 0; rc == DB_OK && i < c.n; i++)
		if (cb(c.addrs[i], c.levels[i], arg) != 0)
			break;
	collected_free(&c);
	return (rc);
}

/* asked_names - see db_asked.h */
int
asked_names(struct db *db, int64_t spool_id, struct vbuf *out)
{
	static const char *const levels[] = { "", " (next)", " (all)" };
	sqlite3_stmt	*st;
	int		 rc, n = 0, lv;

	if ((st = db_query(db, SQL_ASKED_EACH, "i", spool_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		lv = sqlite3_column_int(st, 1);
		vbuf_printf(out, "%s%s%s", n++ ? ", " : "", db_col_text(st, 0),
		    levels[lv >= 0 && lv <= 2 ? lv : 0]);
	}
	return (rc);
}

static const char SQL_WAITING[] =
    "SELECT s.id, s.list_id, coalesce(min(a.at), s.updated_at), "
    "s.escalated, count(a.addr) = 0 FROM spool s "
    "LEFT JOIN asked a ON a.spool_id = s.id WHERE s.state = 'held' "
    "AND s.list_id IS NOT NULL GROUP BY s.id ORDER BY s.id";

/* asked_waiting - see db_asked.h */
int
asked_waiting(struct db *db, int (*cb)(const struct asked_post *, void *),
    void *arg)
{
	sqlite3_stmt		*st;
	struct asked_post	*rows = NULL;
	size_t			 n = 0, cap = 0;
	int			 rc;

	/* Collected first: cb writes, and the query must not be open. */
	if ((st = db_query(db, SQL_WAITING, "")) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		rows[n].spool_id = sqlite3_column_int64(st, 0);
		rows[n].list_id = sqlite3_column_int64(st, 1);
		rows[n].since = sqlite3_column_int64(st, 2);
		rows[n].level = (int)sqlite3_column_int64(st, 3);
		rows[n++].nobody = sqlite3_column_int(st, 4);
	}
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (cb(&rows[i], arg) != 0)
			break;
	free(rows);
	return (rc);
}

static const char SQL_ASKED_ADDRS[] =
    "SELECT DISTINCT a.addr FROM asked a JOIN spool s ON s.id = a.spool_id "
    "WHERE s.state = 'held' AND s.list_id = ?1 ORDER BY a.addr";

/* asked_addrs - see db_asked.h */
int
asked_addrs(struct db *db, int64_t list_id, int (*cb)(const char *, void *),
    void *arg)
{
	struct collected	c;
	int			rc;

	/* Collected first: cb queues notices while the query would be open. */
	rc = collect(db, db_query(db, SQL_ASKED_ADDRS, "i", list_id), &c);
	for (size_t i = 0; rc == DB_OK && i < c.n; i++)
		if (cb(c.addrs[i], arg) != 0)
			break;
	collected_free(&c);
	return (rc);
}

static const char SQL_WAITING_FOR[] =
    "SELECT s.id FROM spool s JOIN asked a ON a.spool_id = s.id "
    "WHERE s.state = 'held' AND s.list_id = ?1 AND a.addr = ?2 "
    "AND a.at < ?3 ORDER BY s.id";

/* asked_waiting_for - see db_asked.h */
int
asked_waiting_for(struct db *db, int64_t list_id, const char *addr,
    int64_t before, int (*cb)(int64_t, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_WAITING_FOR, "iti", list_id, addr,
	    before)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(sqlite3_column_int64(st, 0), arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	return (rc);
}

static const char SQL_OVERDUE[] =
    "SELECT s.id FROM spool s JOIN list l ON l.id = s.list_id "
    "WHERE s.state = 'held' AND s.created_at <= ?1 - l.hold_days * 86400 "
    "ORDER BY s.id";

/* asked_overdue - see db_asked.h */
int
asked_overdue(struct db *db, int64_t now, int (*cb)(int64_t, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0;
	int		 rc;

	/* Collected first: ending a post writes to the spool it reads. */
	if ((st = db_query(db, SQL_OVERDUE, "i", now)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xreallocarray(ids, cap, sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (cb(ids[i], arg) != 0)
			break;
	free(ids);
	return (rc);
}
