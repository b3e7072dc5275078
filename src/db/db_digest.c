/*
 * db_digest.c - digests: which posts wait for them, and who has had
 * what; see db_digest.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_digest.h"
#include "util/sys_defs.h"

static const char SQL_DIGEST_LISTS[] =
    "SELECT id, name, digest_at, coalesce(digest_since, 0) FROM list "
    "WHERE digest_at IS NOT NULL ORDER BY id";

/* digest_each_list - see db_digest.h */
int
digest_each_list(struct db *db, int (*cb)(const struct digest_list *,
    void *), void *arg)
{
	struct digest_list	 d;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, SQL_DIGEST_LISTS, "")) == NULL)
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

static const char SQL_DIGEST_DUE[] =
    "SELECT id, addr, language, digest_form = 'plain', digest_upto "
    "FROM member WHERE list_id = ?1 AND mode = 'digest' AND "
    "digest_slot < ?2 AND id > ?3 ORDER BY id LIMIT ?4";

/* digest_members_due - see db_digest.h */
int
digest_members_due(struct db *db, int64_t list_id, int64_t slot,
    int64_t after, int64_t limit,
    int (*cb)(const struct digest_member *, void *), void *arg)
{
	struct digest_member	 m;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, SQL_DIGEST_DUE, "iiii", list_id, slot, after,
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

static const char SQL_DIGEST_POSTS[] =
    "SELECT p.seq, p.spool_id FROM digest_post p JOIN spool s ON "
    "s.id = p.spool_id WHERE p.list_id = ?1 AND p.seq > ?2 AND "
    "s.state IN ('distributing', 'sent') ORDER BY p.seq LIMIT ?3";

/* digest_posts - see db_digest.h */
int
digest_posts(struct db *db, int64_t list_id, int64_t after, int64_t limit,
    int (*cb)(int64_t, int64_t, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_DIGEST_POSTS, "iii", list_id, after,
	    limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	return (rc);
}

static const char SQL_DIGEST_MARK[] =
    "UPDATE member SET digest_upto = max(digest_upto, ?2), "
    "digest_slot = ?3 WHERE id = ?1 AND digest_slot < ?3";

/* digest_mark - see db_digest.h */
int
digest_mark(struct db *db, int64_t member_id, int64_t upto, int64_t slot)
{
	int	rc;

	if ((rc = db_exec(db, SQL_DIGEST_MARK, "iii", member_id, upto,
	    slot)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}
