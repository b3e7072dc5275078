/*
 * db_audit.c - the audit log; see db_audit.h
 */
#include "util/clock.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "util/sys_defs.h"

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (at, list_id, spool_id, actor, action, detail) "
    "VALUES (?1, NULLIF(?2, 0), NULLIF(?3, 0), ?4, ?5, ?6)";

/* audit_add - see db_audit.h */
int
audit_add(struct db *db, int64_t list_id, int64_t spool_id,
    const char *actor, const char *action, const char *detail)
{
	return (db_exec(db, SQL_AUDIT_ADD, "iiittt", (int64_t)clock_now(),
	    list_id, spool_id, actor, action, detail != NULL ? detail : ""));
}

static const char SQL_AUDIT_EACH[] =
    "SELECT at, actor, action, coalesce(spool_id, 0), detail FROM audit "
    "WHERE list_id = ?1 ORDER BY id DESC LIMIT ?2";

/* audit_each - see db_audit.h */
int
audit_each(struct db *db, int64_t list_id, int64_t limit,
    int (*cb)(int64_t, const char *, const char *, int64_t, const char *,
    void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_AUDIT_EACH, "ii", list_id, limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(sqlite3_column_int64(st, 0), db_col_text(st, 1),
		    db_col_text(st, 2), sqlite3_column_int64(st, 3),
		    db_col_text(st, 4), arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	return (rc);
}
