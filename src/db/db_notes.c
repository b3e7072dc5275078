/*
 * db_notes.c - a meeting's notes; see db_notes.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "db/db.h"
#include "db/db_notes.h"
#include "util/sys_defs.h"

static const char SQL_NOTES_INSERT[] =
    "INSERT OR IGNORE INTO meeting_notes (spool_id, meeting_id, list_id, "
    "sender, subject, text, received_at) VALUES (?1, NULLIF(?2, 0), ?3, "
    "?4, ?5, ?6, ?7)";

/* notes_insert - see db_notes.h */
int
notes_insert(struct db *db, int64_t list_id, const struct meeting_note *n)
{
	return (db_exec(db, SQL_NOTES_INSERT, "iiittti", n->spool_id,
	    n->meeting_id, list_id, n->sender, n->subject, n->text,
	    n->received_at));
}

static const char SQL_NOTES_APPROVED[] =
    "UPDATE meeting_notes SET approved_at = ?2 WHERE spool_id = ?1 "
    "AND approved_at IS NULL";

/* notes_approved - see db_notes.h */
int
notes_approved(struct db *db, int64_t spool_id, int64_t t)
{
	return (db_exec(db, SQL_NOTES_APPROVED, "ii", spool_id, t));
}

#define NOTES_COLS							\
	"n.spool_id, coalesce(n.meeting_id, 0), l.name, n.sender, "	\
	"n.subject, n.text, n.received_at, n.approved_at "		\
	"FROM meeting_notes n JOIN list l ON l.id = n.list_id "

/* each - cb for each row of st */
static int
each(struct db *db, sqlite3_stmt *st, notes_cb cb, void *arg)
{
	struct meeting_note	n;
	int			rc;

	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		memset(&n, 0, sizeof(n));
		n.spool_id = sqlite3_column_int64(st, 0);
		n.meeting_id = sqlite3_column_int64(st, 1);
		n.grp = (const char *)sqlite3_column_text(st, 2);
		n.sender = (const char *)sqlite3_column_text(st, 3);
		n.subject = (const char *)sqlite3_column_text(st, 4);
		n.text = (const char *)sqlite3_column_text(st, 5);
		n.received_at = sqlite3_column_int64(st, 6);
		n.approved_at = sqlite3_column_int64(st, 7);
		if (n.text == NULL)
			n.text = "";
		if (cb(&n, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_NOTES_OF_MEETING[] =
    "SELECT " NOTES_COLS "WHERE n.meeting_id = ?1 AND n.approved_at IS "
    "NOT NULL ORDER BY n.approved_at, n.spool_id";

/* notes_of_meeting - see db_notes.h */
int
notes_of_meeting(struct db *db, int64_t meeting_id, notes_cb cb, void *arg)
{
	return (each(db, db_query(db, SQL_NOTES_OF_MEETING, "i", meeting_id),
	    cb, arg));
}

/* The group l's --notes-to is "a,b": a list is named when ",a,b," holds
 * ",L" (?1) ",". */
#define NOTES_TO_NAMES							\
    "instr(',' || coalesce(l.notes_to, '') || ',', ',' || ?1 || ',') > 0 "

static const char SQL_NOTES_SINCE[] =
    "SELECT " NOTES_COLS "WHERE n.approved_at >= ?2 AND " NOTES_TO_NAMES
    "ORDER BY n.approved_at, n.spool_id";

/* notes_approved_since - see db_notes.h */
int
notes_approved_since(struct db *db, const char *list, int64_t since,
    notes_cb cb, void *arg)
{
	return (each(db, db_query(db, SQL_NOTES_SINCE, "ti", list, since), cb,
	    arg));
}

static const char SQL_NOTES_TO[] =
    "SELECT 1 FROM list l WHERE l.name = ?2 AND " NOTES_TO_NAMES;

/* notes_to_names - see db_notes.h */
int
notes_to_names(struct db *db, const char *group, const char *list, int *yes)
{
	int64_t	one;
	int	rc = db_one_int(db, &one, SQL_NOTES_TO, "tt", list, group);

	*yes = rc == DB_OK;
	return (rc == DB_NOTFOUND ? DB_OK : rc);
}
