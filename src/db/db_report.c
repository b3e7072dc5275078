/*
 * db_report.c - the counts of the report; see db_report.h
 */
#include <stdint.h>

#include "db/db.h"
#include "db/db_report.h"
#include "util/sys_defs.h"

/* Present members have no left_at; a member who left before this
 * version has no joined_at, and so counts as neither new nor present. */
static const char SQL_BY_LANG[] =
    "WITH l AS (SELECT language FROM list WHERE id = ?1), m AS ("
    "SELECT coalesce(language, (SELECT language FROM l), '') AS lang, "
    "created_at AS joined, NULL AS gone FROM member WHERE list_id = ?1 "
    "UNION ALL SELECT coalesce(language, (SELECT language FROM l), ''), "
    "joined_at, left_at FROM member_left WHERE list_id = ?1) "
    "SELECT lang, count(CASE WHEN joined < ?3 AND (gone IS NULL OR "
    "gone >= ?3) THEN 1 END), count(CASE WHEN joined >= ?2 AND "
    "joined < ?3 THEN 1 END), count(CASE WHEN gone >= ?2 AND gone < ?3 "
    "THEN 1 END) FROM m GROUP BY lang ORDER BY lang";

/* report_members_by_lang - see db_report.h */
int
report_members_by_lang(struct db *db, int64_t list_id, int64_t from,
    int64_t to, int (*cb)(const struct report_lang_count *, void *),
    void *arg)
{
	struct report_lang_count c;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_BY_LANG, "iii", list_id, from, to)) ==
	    NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		c.lang = db_col_text(st, 0);
		c.now = sqlite3_column_int64(st, 1);
		c.joined = sqlite3_column_int64(st, 2);
		c.left = sqlite3_column_int64(st, 3);
		if (cb(&c, arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	}
	return (rc);
}

/* The counts, by enum report_count; ?1 from, ?2 to. */
static const char *const count_sql[] = {
	[REPORT_POSTS] =
	    "SELECT count(*) FROM spool WHERE kind = 'post' AND "
	    "state = 'sent' AND created_at >= ?1 AND created_at < ?2",
	[REPORT_MEETINGS] =
	    "SELECT count(*) FROM meeting WHERE state = 'scheduled' AND "
	    "start_at >= ?1 AND start_at < ?2",
	[REPORT_JOINED] =
	    "SELECT (SELECT count(*) FROM member WHERE created_at >= ?1 AND "
	    "created_at < ?2) + (SELECT count(*) FROM member_left WHERE "
	    "joined_at >= ?1 AND joined_at < ?2)",
};

/* The same of one list, ?3 its name. */
static const char *const count_list_sql[] = {
	[REPORT_POSTS] =
	    "SELECT count(*) FROM spool WHERE kind = 'post' AND "
	    "state = 'sent' AND created_at >= ?1 AND created_at < ?2 AND "
	    "list_name = ?3",
	[REPORT_MEETINGS] =
	    "SELECT count(*) FROM meeting WHERE state = 'scheduled' AND "
	    "start_at >= ?1 AND start_at < ?2 AND grp = ?3",
	[REPORT_JOINED] =
	    "SELECT (SELECT count(*) FROM member m JOIN list l ON "
	    "l.id = m.list_id WHERE l.name = ?3 AND m.created_at >= ?1 AND "
	    "m.created_at < ?2) + (SELECT count(*) FROM member_left m JOIN "
	    "list l ON l.id = m.list_id WHERE l.name = ?3 AND "
	    "m.joined_at >= ?1 AND m.joined_at < ?2)",
};

/* report_count_list - see db_report.h */
int
report_count_list(struct db *db, enum report_count what, const char *list,
    int64_t from, int64_t to, int64_t *n)
{
	if ((unsigned)what >= nitems(count_list_sql))
		return (DB_ERR);
	return (db_one_int(db, n, count_list_sql[what], "iit", from, to,
	    list));
}

/* report_count - see db_report.h */
int
report_count(struct db *db, enum report_count what, int64_t from,
    int64_t to, int64_t *n)
{
	if ((unsigned)what >= nitems(count_sql))
		return (DB_ERR);
	return (db_one_int(db, n, count_sql[what], "ii", from, to));
}
