/*
 * db_news.c - the weekly update: which lists have one, who is due it;
 * see db_news.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_news.h"
#include "util/sys_defs.h"

static const char SQL_NEWS_LISTS[] =
    "SELECT id, name, newsletter_at, coalesce(newsletter_since, 0) "
    "FROM list WHERE newsletter_at IS NOT NULL ORDER BY id";

/* news_each_list - see db_news.h */
int
news_each_list(struct db *db, int (*cb)(const struct digest_list *,
    void *), void *arg)
{
	struct digest_list	 d;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, SQL_NEWS_LISTS, "")) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		d.id = sqlite3_column_int64(st, 0);
		d.name = db_col_text(st, 1);
		d.at = db_col_text(st, 2);
		d.since = sqlite3_column_int64(st, 3);
		if (cb(&d, arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	}
	return (rc);
}

static const char SQL_NEWS_DUE[] =
    "SELECT id, addr, language, news_upto FROM member WHERE list_id = ?1 "
    "AND mode <> 'nomail' AND news_slot < ?2 AND id > ?3 ORDER BY id "
    "LIMIT ?4";

/* news_members_due - see db_news.h */
int
news_members_due(struct db *db, int64_t list_id, int64_t slot,
    int64_t after, int64_t limit,
    int (*cb)(const struct digest_member *, void *), void *arg)
{
	struct digest_member	 m;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, SQL_NEWS_DUE, "iiii", list_id, slot, after,
	    limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		m.id = sqlite3_column_int64(st, 0);
		m.addr = db_col_text(st, 1);
		m.language = sqlite3_column_type(st, 2) == SQLITE_NULL ?
		    NULL : db_col_text(st, 2);
		m.plain = 0;
		m.upto = sqlite3_column_int64(st, 3);
		if (cb(&m, arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	}
	return (rc);
}

static const char SQL_NEWS_MARK[] =
    "UPDATE member SET news_upto = max(news_upto, ?2), news_slot = ?3 "
    "WHERE id = ?1 AND news_slot < ?3";

/* news_mark - see db_news.h */
int
news_mark(struct db *db, int64_t member_id, int64_t upto, int64_t slot)
{
	int	rc;

	if ((rc = db_exec(db, SQL_NEWS_MARK, "iii", member_id, upto,
	    slot)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}
