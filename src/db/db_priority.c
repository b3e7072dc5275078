/*
 * db_priority.c - priorities, their lists and their reviews; see
 * db_priority.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/db_priority.h"
#include "util/sys_defs.h"

static const char SQL_PRIORITY_INSERT[] =
    "INSERT INTO priority (title, text, state, created_at, agreed_at) "
    "VALUES (?1, ?2, ?3, ?4, CASE ?3 WHEN 'current' THEN ?4 END)";

/* priority_insert - see db_priority.h */
int
priority_insert(struct db *db, const char *title, const char *text,
    const char *state, int64_t now, int64_t *id)
{
	int	rc;

	if ((rc = db_exec(db, SQL_PRIORITY_INSERT, "ttti", title,
	    text != NULL ? text : "", state, now)) == DB_OK)
		*id = db_last_id(db);
	return (rc);
}

/* The lists by name, one string: "a,b". */
#define PRIORITY_COLS							\
	"p.id, p.title, p.text, p.state, p.created_at, "		\
	"coalesce(p.agreed_at, 0), coalesce(p.retired_at, 0), "		\
	"coalesce((SELECT group_concat(name, ',') FROM (SELECT l.name "	\
	"FROM priority_list pl JOIN list l ON l.id = pl.list_id "	\
	"WHERE pl.priority_id = p.id ORDER BY l.name)), '') "		\
	"FROM priority p "
#define PRIORITY_ORDER							\
	"ORDER BY CASE p.state WHEN 'current' THEN 0 WHEN 'proposed' "	\
	"THEN 1 ELSE 2 END, p.id"

/* each - cb for each row of st; *n how many */
static int
each(struct db *db, sqlite3_stmt *st, priority_cb cb, void *arg, int *n)
{
	struct priority	p;
	int		rc;

	*n = 0;
	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		memset(&p, 0, sizeof(p));
		p.id = sqlite3_column_int64(st, 0);
		p.title = db_col_text(st, 1);
		p.text = db_col_text(st, 2);
		p.state = db_col_text(st, 3);
		p.created_at = sqlite3_column_int64(st, 4);
		p.agreed_at = sqlite3_column_int64(st, 5);
		p.retired_at = sqlite3_column_int64(st, 6);
		p.lists = db_col_text(st, 7);
		(*n)++;
		if (cb(&p, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_PRIORITY_GET[] =
    "SELECT " PRIORITY_COLS "WHERE p.id = ?1";

/* priority_get - see db_priority.h */
int
priority_get(struct db *db, int64_t id, priority_cb cb, void *arg)
{
	int	n, rc;

	rc = each(db, db_query(db, SQL_PRIORITY_GET, "i", id), cb, arg, &n);
	return (rc == DB_OK && n == 0 ? DB_NOTFOUND : rc);
}

static const char SQL_PRIORITY_EACH[] =
    "SELECT " PRIORITY_COLS "WHERE ?1 IS NULL OR p.state = ?1 "
    PRIORITY_ORDER;

/* priority_each - see db_priority.h */
int
priority_each(struct db *db, const char *state, priority_cb cb, void *arg)
{
	int	n;

	return (each(db, db_query(db, SQL_PRIORITY_EACH, "t", state), cb,
	    arg, &n));
}

static const char SQL_PRIORITY_COUNT[] =
    "SELECT count(*) FROM priority WHERE state = ?1";

/* priority_count - see db_priority.h */
int
priority_count(struct db *db, const char *state, int64_t *n)
{
	return (db_one_int(db, n, SQL_PRIORITY_COUNT, "t", state));
}

static const char SQL_PRIORITY_CURRENT[] =
    "UPDATE priority SET state = 'current', agreed_at = ?2, "
    "retired_at = NULL WHERE id = ?1 AND state != 'retired'";

/* priority_make_current - see db_priority.h */
int
priority_make_current(struct db *db, int64_t id, int64_t now)
{
	int	rc;

	if ((rc = db_exec(db, SQL_PRIORITY_CURRENT, "ii", id, now)) != DB_OK)
		return (rc);
	return (db_changes(db) > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_PRIORITY_RETIRE[] =
    "UPDATE priority SET state = 'retired', retired_at = ?2 "
    "WHERE id = ?1 AND state != 'retired'";

/* priority_retire - see db_priority.h */
int
priority_retire(struct db *db, int64_t id, int64_t now)
{
	int	rc;

	if ((rc = db_exec(db, SQL_PRIORITY_RETIRE, "ii", id, now)) != DB_OK)
		return (rc);
	return (db_changes(db) > 0 ? DB_OK : DB_NOTFOUND);
}

/* ids is "3,4,5": an id is in it when ",3,4,5," holds ",id,". */
static const char SQL_PRIORITY_RETIRE_OTHERS[] =
    "UPDATE priority SET state = 'retired', retired_at = ?2 "
    "WHERE state = 'current' AND "
    "instr(',' || ?1 || ',', ',' || id || ',') = 0";

/* priority_retire_others - see db_priority.h */
int
priority_retire_others(struct db *db, const char *ids, int64_t now)
{
	return (db_exec(db, SQL_PRIORITY_RETIRE_OTHERS, "ti", ids, now));
}

static const char SQL_PRIORITY_OLDEST[] =
    "SELECT min(agreed_at) FROM priority WHERE state = 'current' "
    "HAVING count(*) > 0";

/* priority_oldest_agreed - see db_priority.h */
int
priority_oldest_agreed(struct db *db, int64_t *t)
{
	return (db_one_int(db, t, SQL_PRIORITY_OLDEST, ""));
}

static const char SQL_PRIORITY_LIST_ADD[] =
    "INSERT OR IGNORE INTO priority_list (priority_id, list_id) "
    "VALUES (?1, ?2)";
static const char SQL_PRIORITY_LIST_RM[] =
    "DELETE FROM priority_list WHERE priority_id = ?1 AND list_id = ?2";

/* priority_list_add - see db_priority.h */
int
priority_list_add(struct db *db, int64_t id, int64_t list_id)
{
	return (db_exec(db, SQL_PRIORITY_LIST_ADD, "ii", id, list_id));
}

/* priority_list_rm - see db_priority.h */
int
priority_list_rm(struct db *db, int64_t id, int64_t list_id)
{
	return (db_exec(db, SQL_PRIORITY_LIST_RM, "ii", id, list_id));
}

static const char SQL_PRIORITY_LIST_CLEAR[] =
    "DELETE FROM priority_list WHERE priority_id = ?1";

/* priority_list_clear - see db_priority.h */
int
priority_list_clear(struct db *db, int64_t id)
{
	return (db_exec(db, SQL_PRIORITY_LIST_CLEAR, "i", id));
}

static const char SQL_REVIEW_LAST[] =
    "SELECT id, asked_at, coalesce(answer, ''), coalesce(answered_at, 0) "
    "FROM priority_review WHERE asked_at >= ?1 ORDER BY id DESC LIMIT 1";

/* review_last - see db_priority.h */
int
review_last(struct db *db, int64_t since, struct priority_review *r)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_REVIEW_LAST, "i", since)) == NULL)
		return (DB_ERR);
	memset(r, 0, sizeof(*r));
	if ((rc = db_step(db, st)) == DB_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->asked_at = sqlite3_column_int64(st, 1);
		(void)snprintf(r->answer, sizeof(r->answer), "%s",
		    db_col_text(st, 2));
		r->answered_at = sqlite3_column_int64(st, 3);
		rc = DB_OK;
	} else if (rc == DB_OK)
		rc = DB_NOTFOUND;
	db_reset(st);
	return (rc);
}

static const char SQL_REVIEW_INSERT[] =
    "INSERT INTO priority_review (asked_at) VALUES (?1)";

/* review_insert - see db_priority.h */
int
review_insert(struct db *db, int64_t now, int64_t *id)
{
	int	rc;

	if ((rc = db_exec(db, SQL_REVIEW_INSERT, "i", now)) == DB_OK)
		*id = db_last_id(db);
	return (rc);
}

static const char SQL_REVIEW_ANSWER[] =
    "UPDATE priority_review SET answer = ?2, answered_by = ?3, "
    "answered_at = ?4, decision_id = NULLIF(?5, 0) "
    "WHERE id = ?1 AND answer IS NULL";

/* review_answer - see db_priority.h */
int
review_answer(struct db *db, int64_t id, const char *answer,
    const char *who, int64_t now, int64_t decision_id)
{
	int	rc;

	if ((rc = db_exec(db, SQL_REVIEW_ANSWER, "ittii", id, answer, who,
	    now, decision_id)) != DB_OK)
		return (rc);
	return (db_changes(db) > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_REVIEW_OPEN[] =
    "SELECT count(*) FROM priority_review WHERE id = ?1 AND "
    "answer IS NULL";

/* review_answered - see db_priority.h */
int
review_answered(struct db *db, int64_t id, int *yes)
{
	int64_t	n = 0;
	int	rc;

	if ((rc = db_one_int(db, &n, SQL_REVIEW_OPEN, "i", id)) != DB_OK)
		return (rc);
	*yes = n == 0;
	return (DB_OK);
}
