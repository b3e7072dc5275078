/*
 * db_digest.c - the posts that wait for a digest or an update; see
 * db_digest.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_digest.h"
#include "util/sys_defs.h"

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
