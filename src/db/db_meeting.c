/*
 * db_meeting.c - meetings and the rules between them; see db_meeting.h
 */
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_meeting.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/sys_defs.h"

#define MEETING_COLS \
    "id, grp, start_at, start_local, zone, duration, location, " \
    "notes_taker, state, sequence, rule_id, source_id, created_at"

static const char SQL_INSERT[] =
    "INSERT INTO meeting (grp, start_at, start_local, zone, duration, "
    "location, notes_taker, rule_id, source_id, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_LOAD[] =
    "SELECT " MEETING_COLS " FROM meeting WHERE id = ?1";
static const char SQL_LIST_ALL[] =
    "SELECT " MEETING_COLS " FROM meeting ORDER BY start_at, id";
static const char SQL_LIST_GROUP[] =
    "SELECT " MEETING_COLS " FROM meeting WHERE grp = ?1 "
    "ORDER BY start_at, id";
static const char SQL_MADE_BY[] =
    "SELECT id FROM meeting WHERE rule_id = ?1 AND source_id = ?2";
static const char SQL_FOLLOWERS[] =
    "SELECT id FROM meeting WHERE source_id = ?1 ORDER BY id";
static const char SQL_SET_START[] =
    "UPDATE meeting SET start_at = ?2, start_local = ?3, zone = ?4, "
    "sequence = sequence + 1 WHERE id = ?1";
static const char SQL_SET_STATE[] =
    "UPDATE meeting SET state = ?2, sequence = sequence + 1 WHERE id = ?1";

#define RULE_COLS "r.id, r.grp, r.before_grp, r.days, r.given, r.created_at"
static const char SQL_RULE_INSERT[] =
    "INSERT INTO meeting_rule (grp, before_grp, days, given, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_RULE_LOAD[] =
    "SELECT " RULE_COLS ", 0 FROM meeting_rule r WHERE r.id = ?1";
static const char SQL_RULE_BEFORE[] =
    "SELECT " RULE_COLS ", 0 FROM meeting_rule r WHERE r.before_grp = ?1 "
    "ORDER BY r.id";
static const char SQL_RULE_ALL[] =
    "SELECT " RULE_COLS ", (SELECT count(*) FROM meeting m "
    "WHERE m.rule_id = r.id) FROM meeting_rule r ORDER BY r.id";
/* The meetings a rule made keep no trace of it, so that none of them
 * looks as if it still follows another. */
static const char SQL_RULE_DETACH[] =
    "UPDATE meeting SET rule_id = NULL, source_id = NULL "
    "WHERE rule_id = ?1";
static const char SQL_RULE_DELETE[] =
    "DELETE FROM meeting_rule WHERE id = ?1";

static const char *const state_names[] = {
	[MEETING_SCHEDULED] = "scheduled",
	[MEETING_CANCELLED] = "cancelled",
};

/* meeting_state_name - see db_meeting.h */
const char *
meeting_state_name(enum meeting_state s)
{
	return ((size_t)s < nitems(state_names) ? state_names[s] : "?");
}

/* meeting_row - a row of MEETING_COLS as a new meeting */
static void *
meeting_row(sqlite3_stmt *st)
{
	struct meeting	*m = xcalloc(1, sizeof(*m));

	m->id = sqlite3_column_int64(st, 0);
	m->grp = xstrdup(db_col_text(st, 1));
	m->start_at = sqlite3_column_int64(st, 2);
	m->start_local = xstrdup(db_col_text(st, 3));
	m->zone = xstrdup(db_col_text(st, 4));
	m->duration = sqlite3_column_int64(st, 5);
	m->location = db_col_dup(st, 6);
	m->notes_taker = db_col_dup(st, 7);
	m->state = strcmp(db_col_text(st, 8), "cancelled") == 0 ?
	    MEETING_CANCELLED : MEETING_SCHEDULED;
	m->sequence = sqlite3_column_int64(st, 9);
	m->rule_id = sqlite3_column_int64(st, 10);	/* NULL reads 0 */
	m->source_id = sqlite3_column_int64(st, 11);
	m->created_at = sqlite3_column_int64(st, 12);
	return (m);
}

/* rule_row - a row of RULE_COLS and a count as a new rule */
static void *
rule_row(sqlite3_stmt *st)
{
	struct meeting_rule *r = xcalloc(1, sizeof(*r));

	r->id = sqlite3_column_int64(st, 0);
	r->grp = xstrdup(db_col_text(st, 1));
	r->before_grp = xstrdup(db_col_text(st, 2));
	r->days = sqlite3_column_int64(st, 3);
	r->given = xstrdup(db_col_text(st, 4));
	r->created_at = sqlite3_column_int64(st, 5);
	r->nmade = sqlite3_column_int64(st, 6);
	return (r);
}

/* load_all - every row of st made by row(), into a new array */
static int
load_all(struct db *db, sqlite3_stmt *st, void *(*row)(sqlite3_stmt *),
    void ***out, size_t *n)
{
	size_t	cap = 0;
	int	rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[(*n)++] = row(st);
	}
	return (rc);
}

/* meeting_insert - see db_meeting.h */
int
meeting_insert(struct db *db, const struct meeting *m, int64_t *id)
{
	int	rc;

	/* A meeting added by hand has no rule and follows none: NULL, so
	 * that UNIQUE (rule_id, source_id) leaves such meetings alone. */
	if (m->rule_id > 0)
		rc = db_exec(db, SQL_INSERT, "tittittiii", m->grp,
		    m->start_at, m->start_local, m->zone, m->duration,
		    m->location, m->notes_taker, m->rule_id, m->source_id,
		    (int64_t)clock_now());
	else
		rc = db_exec(db, SQL_INSERT, "tittittnni", m->grp, m->start_at,
		    m->start_local, m->zone, m->duration, m->location,
		    m->notes_taker, (int64_t)clock_now());
	if (rc == DB_OK)
		*id = db_last_id(db);
	return (rc);
}

/* meeting_load - see db_meeting.h */
int
meeting_load(struct db *db, int64_t id, struct meeting **out)
{
	return (db_fetch(db, db_query(db, SQL_LOAD, "i", id), meeting_row,
	    (void **)out));
}

/* meeting_free - see db_meeting.h */
void
meeting_free(struct meeting **mp)
{
	struct meeting	*m = *mp;

	if (m == NULL)
		return;
	free(m->grp);
	free(m->start_local);
	free(m->zone);
	free(m->location);
	free(m->notes_taker);
	free(m);
	*mp = NULL;
}

/* meeting_list - see db_meeting.h */
int
meeting_list(struct db *db, const char *grp, struct meeting ***out,
    size_t *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = grp != NULL ? db_query(db, SQL_LIST_GROUP, "t", grp) :
	    db_query(db, SQL_LIST_ALL, "");
	if ((rc = load_all(db, st, meeting_row, (void ***)out, n)) != DB_OK)
		meeting_list_free(out, *n);
	return (rc);
}

/* meeting_list_free - see db_meeting.h */
void
meeting_list_free(struct meeting ***v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		meeting_free(&(*v)[i]);
	free(*v);
	*v = NULL;
}

/* meeting_made_by - see db_meeting.h */
int
meeting_made_by(struct db *db, int64_t rule_id, int64_t source_id,
    int64_t *id)
{
	return (db_one_int(db, id, SQL_MADE_BY, "ii", rule_id, source_id));
}

/* meeting_followers - see db_meeting.h */
int
meeting_followers(struct db *db, int64_t source_id, int64_t **ids,
    size_t *n)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = db_query(db, SQL_FOLLOWERS, "i", source_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != DB_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return (rc);
}

/* meeting_set_start - see db_meeting.h */
int
meeting_set_start(struct db *db, int64_t id, int64_t start_at,
    const char *start_local, const char *zone)
{
	return (db_exec(db, SQL_SET_START, "iitt", id, start_at, start_local,
	    zone));
}

/* meeting_set_state - see db_meeting.h */
int
meeting_set_state(struct db *db, int64_t id, enum meeting_state s)
{
	return (db_exec(db, SQL_SET_STATE, "it", id, meeting_state_name(s)));
}

/* meeting_rule_insert - see db_meeting.h */
int
meeting_rule_insert(struct db *db, const struct meeting_rule *r,
    int64_t *id)
{
	int	rc;

	rc = db_exec(db, SQL_RULE_INSERT, "ttiti", r->grp, r->before_grp,
	    r->days, r->given, (int64_t)clock_now());
	if (rc == DB_OK)
		*id = db_last_id(db);
	return (rc);
}

/* meeting_rule_load - see db_meeting.h */
int
meeting_rule_load(struct db *db, int64_t id, struct meeting_rule **out)
{
	return (db_fetch(db, db_query(db, SQL_RULE_LOAD, "i", id), rule_row,
	    (void **)out));
}

/* meeting_rule_free - see db_meeting.h */
void
meeting_rule_free(struct meeting_rule **rp)
{
	struct meeting_rule *r = *rp;

	if (r == NULL)
		return;
	free(r->grp);
	free(r->before_grp);
	free(r->given);
	free(r);
	*rp = NULL;
}

/* meeting_rule_list - see db_meeting.h */
int
meeting_rule_list(struct db *db, const char *before_grp,
    struct meeting_rule ***out, size_t *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = before_grp != NULL ? db_query(db, SQL_RULE_BEFORE, "t",
	    before_grp) : db_query(db, SQL_RULE_ALL, "");
	if ((rc = load_all(db, st, rule_row, (void ***)out, n)) != DB_OK)
		meeting_rule_list_free(out, *n);
	return (rc);
}

/* meeting_rule_list_free - see db_meeting.h */
void
meeting_rule_list_free(struct meeting_rule ***v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		meeting_rule_free(&(*v)[i]);
	free(*v);
	*v = NULL;
}

/* meeting_rule_delete - see db_meeting.h */
int
meeting_rule_delete(struct db *db, int64_t id, int64_t *kept)
{
	int	rc;

	if ((rc = db_exec(db, SQL_RULE_DETACH, "i", id)) != DB_OK)
		return (rc);
	*kept = db_changes(db);
	if ((rc = db_exec(db, SQL_RULE_DELETE, "i", id)) != DB_OK)
		return (rc);
	return (db_changes(db) == 0 ? DB_NOTFOUND : DB_OK);
}
