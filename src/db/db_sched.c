/*
 * db_sched.c - the digest's and the weekly update's schedules and who
 * had them; see db_sched.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_sched.h"
#include "util/sys_defs.h"

/* A member whose mail stopped for bounces (schema 24) gets no digest or
 * update either; after moot member enable, the next one covers what
 * they missed. */
#define SCHED_NOT_DISABLED						\
    "id NOT IN (SELECT member_id FROM bounce WHERE disabled_at IS NOT "	\
    "NULL) "

/* Each kind's statements: the same questions of its own columns. */
static const struct {
	const char	*lists, *due, *mark;
} sql[SCHED_COUNT] = {
	[SCHED_DIGEST] = {
		"SELECT id, name, digest_at, coalesce(digest_since, 0) "
		"FROM list WHERE digest_at IS NOT NULL ORDER BY id",
		"SELECT id, addr, language, digest_form = 'plain', "
		"digest_upto FROM member WHERE list_id = ?1 AND "
		"mode = 'digest' AND digest_slot < ?2 AND id > ?3 AND "
		SCHED_NOT_DISABLED "ORDER BY id LIMIT ?4",
		"UPDATE member SET digest_upto = max(digest_upto, ?2), "
		"digest_slot = ?3 WHERE id = ?1 AND digest_slot < ?3",
	},
	[SCHED_NEWS] = {
		"SELECT id, name, newsletter_at, "
		"coalesce(newsletter_since, 0) FROM list WHERE "
		"newsletter_at IS NOT NULL ORDER BY id",
		"SELECT id, addr, language, 0, news_upto FROM member "
		"WHERE list_id = ?1 AND mode <> 'nomail' AND "
		"news_slot < ?2 AND id > ?3 AND " SCHED_NOT_DISABLED
		"ORDER BY id LIMIT ?4",
		"UPDATE member SET news_upto = max(news_upto, ?2), "
		"news_slot = ?3 WHERE id = ?1 AND news_slot < ?3",
	},
};

/* sched_each_list - see db_sched.h */
int
sched_each_list(struct db *db, enum sched_kind k,
    int (*cb)(const struct sched_list *, void *), void *arg)
{
	struct sched_list	 d;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, sql[k].lists, "")) == NULL)
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

/* sched_members_due - see db_sched.h */
int
sched_members_due(struct db *db, enum sched_kind k, int64_t list_id,
    int64_t slot, int64_t after, int64_t limit,
    int (*cb)(const struct sched_member *, void *), void *arg)
{
	struct sched_member	 m;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, sql[k].due, "iiii", list_id, slot, after,
	    limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		m.id = sqlite3_column_int64(st, 0);
		m.addr = db_col_text(st, 1);
		m.language = sqlite3_column_type(st, 2) == SQLITE_NULL ?
		    NULL : db_col_text(st, 2);
		m.plain = sqlite3_column_int(st, 3);
		m.upto = sqlite3_column_int64(st, 4);
		if (cb(&m, arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	}
	return (rc);
}

/* sched_mark - see db_sched.h */
int
sched_mark(struct db *db, enum sched_kind k, int64_t member_id,
    int64_t upto, int64_t slot)
{
	int	rc;

	if ((rc = db_exec(db, sql[k].mark, "iii", member_id, upto,
	    slot)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}
