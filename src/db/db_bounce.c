/*
 * db_bounce.c - bounce scores of members; see db_bounce.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "db/db.h"
#include "db/db_bounce.h"
#include "util/sys_defs.h"

#define BOUNCE_COLS \
    "b.member_id, b.halves, b.first_day, b.last_day, " \
    "coalesce(b.disabled_at, 0)"

/* row - columns from..from+4 of st (BOUNCE_COLS) into *b */
static void
row(sqlite3_stmt *st, int from, struct db_bounce *b)
{
	b->member_id = sqlite3_column_int64(st, from);
	b->halves = sqlite3_column_int64(st, from + 1);
	b->first_day = sqlite3_column_int64(st, from + 2);
	b->last_day = sqlite3_column_int64(st, from + 3);
	b->disabled_at = sqlite3_column_int64(st, from + 4);
}

static const char SQL_BOUNCE_GET[] =
    "SELECT " BOUNCE_COLS " FROM bounce b WHERE b.member_id = ?1";

int
db_bounce_get(struct db *db, int64_t member_id, struct db_bounce *b)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_BOUNCE_GET, "i", member_id)) == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) == DB_ROW) {
		row(st, 0, b);
		rc = db_step(db, st) == DB_OK ? DB_OK : DB_ERR;
	} else if (rc == DB_OK)
		rc = DB_NOTFOUND;
	return (rc);
}

static const char SQL_BOUNCE_PUT[] =
    "INSERT OR REPLACE INTO bounce (member_id, halves, first_day, "
    "last_day, disabled_at) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0))";

int
db_bounce_put(struct db *db, const struct db_bounce *b)
{
	return (db_exec(db, SQL_BOUNCE_PUT, "iiiii", b->member_id, b->halves,
	    b->first_day, b->last_day, b->disabled_at));
}

int
db_bounce_clear(struct db *db, int64_t member_id)
{
	return (db_exec(db, "DELETE FROM bounce WHERE member_id = ?1", "i",
	    member_id));
}

static const char SQL_BOUNCE_MEMBER[] =
    "SELECT addr, coalesce(language, '') FROM member "
    "WHERE id = ?1 AND list_id = ?2";

int
db_bounce_member(struct db *db, int64_t list_id, int64_t member_id,
    char **addr, char **lang)
{
	sqlite3_stmt	*st;
	int		 rc;

	*addr = *lang = NULL;
	if ((st = db_query(db, SQL_BOUNCE_MEMBER, "ii", member_id,
	    list_id)) == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) == DB_ROW) {
		*addr = xstrdup(db_col_text(st, 0));
		*lang = xstrdup(db_col_text(st, 1));
		rc = db_step(db, st) == DB_OK ? DB_OK : DB_ERR;
	} else if (rc == DB_OK)
		rc = DB_NOTFOUND;
	if (rc != DB_OK) {
		free(*addr);
		free(*lang);
		*addr = *lang = NULL;
	}
	return (rc);
}

/* A copy keeps its author's Message-ID, or has moot's (moot.SPOOL.TIME@
 * DOMAIN) when it came without one: either names the post.  The spool
 * row must be a post to this list: a Message-ID quoted from another
 * list's post names no copy of this one's. */
static const char SQL_BOUNCE_SENT[] =
    "SELECT count(*) FROM delivery d JOIN spool s ON s.id = d.spool_id "
    "WHERE (s.msgid = ?1 OR s.id = ?2) AND s.list_id = ?3 AND "
    "d.addr = ?4 AND d.status = 'sent'";

int
db_bounce_sent(struct db *db, int64_t list_id, const char *msgid,
    int64_t spool_id, const char *addr)
{
	int64_t	n = 0;
	int	rc;

	if ((rc = db_one_int(db, &n, SQL_BOUNCE_SENT, "tiit", msgid,
	    spool_id, list_id, addr)) != DB_OK)
		return (rc);
	return (n > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_BOUNCE_EACH[] =
    "SELECT m.addr, " BOUNCE_COLS " FROM bounce b "
    "JOIN member m ON m.id = b.member_id WHERE m.list_id = ?1 "
    "ORDER BY m.addr";

int
db_bounce_each(struct db *db, int64_t list_id,
    void (*cb)(const char *, const struct db_bounce *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct db_bounce b;
	int		 rc;

	if ((st = db_query(db, SQL_BOUNCE_EACH, "i", list_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		row(st, 1, &b);
		cb(db_col_text(st, 0), &b, arg);
	}
	return (rc);
}
