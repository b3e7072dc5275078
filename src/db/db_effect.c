/*
 * db_effect.c - proposals' effects and statements; see db_effect.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "db/db.h"
#include "db/db_effect.h"
#include "util/sys_defs.h"

static const char SQL_EFFECT_SET[] =
    "INSERT OR REPLACE INTO gov_effect (decision_id, kind, arg) "
    "VALUES (?1, ?2, ?3)";

/* effect_set - see db_effect.h */
int
effect_set(struct db *db, int64_t decision_id, const char *kind,
    const char *arg)
{
	return (db_exec(db, SQL_EFFECT_SET, "itt", decision_id, kind,
	    arg != NULL ? arg : ""));
}

static const char SQL_EFFECT_LOAD[] =
    "SELECT kind, arg, coalesce(done_at, 0) FROM gov_effect "
    "WHERE decision_id = ?1";

/* effect_load - see db_effect.h */
int
effect_load(struct db *db, int64_t decision_id, char **kind, char **arg,
    int64_t *done_at)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_EFFECT_LOAD, "i", decision_id)) == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) == DB_ROW) {
		*kind = db_col_dup(st, 0);
		*arg = db_col_dup(st, 1);
		*done_at = sqlite3_column_int64(st, 2);
		rc = DB_OK;
	} else if (rc == DB_OK)
		rc = DB_NOTFOUND;
	db_reset(st);
	return (rc);
}

static const char SQL_EFFECT_DONE[] =
    "UPDATE gov_effect SET done_at = ?2 WHERE decision_id = ?1 AND "
    "done_at IS NULL";

/* effect_done - see db_effect.h */
int
effect_done(struct db *db, int64_t decision_id, int64_t now)
{
	int	rc;

	if ((rc = db_exec(db, SQL_EFFECT_DONE, "ii", decision_id, now)) !=
	    DB_OK)
		return (rc);
	return (db_changes(db) > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_STATEMENT_INSERT[] =
    "INSERT OR IGNORE INTO statement (decision_id, title, text, agreed_at) "
    "VALUES (?1, ?2, ?3, ?4)";

/* statement_insert - see db_effect.h */
int
statement_insert(struct db *db, int64_t decision_id, const char *title,
    const char *text, int64_t agreed_at)
{
	return (db_exec(db, SQL_STATEMENT_INSERT, "itti", decision_id, title,
	    text, agreed_at));
}

static const char SQL_STATEMENT_EACH[] =
    "SELECT decision_id, title, text, agreed_at FROM statement "
    "WHERE agreed_at >= ?1 AND agreed_at < ?2 "
    "ORDER BY agreed_at, decision_id";

/* statement_each - see db_effect.h */
int
statement_each(struct db *db, int64_t since, int64_t until,
    int (*cb)(const struct statement *, void *), void *arg)
{
	struct statement	 s;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = db_query(db, SQL_STATEMENT_EACH, "ii", since, until)) ==
	    NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		memset(&s, 0, sizeof(s));
		s.decision_id = sqlite3_column_int64(st, 0);
		s.title = db_col_text(st, 1);
		s.text = db_col_text(st, 2);
		s.agreed_at = sqlite3_column_int64(st, 3);
		if (cb(&s, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_EFFECT_FORGET_PENDING[] =
    "DELETE FROM gov_effect WHERE decision_id IN (SELECT id FROM decision "
    "WHERE state = 'pending' AND opened_at < ?1)";

/* effect_forget_pending - see db_effect.h */
int
effect_forget_pending(struct db *db, int64_t before)
{
	return (db_exec(db, SQL_EFFECT_FORGET_PENDING, "i", before));
}
