/*
 * db_agenda.c - agenda items, papers and board seats; see db_agenda.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "db/db.h"
#include "db/db_agenda.h"
#include "util/sys_defs.h"

static const char SQL_ITEM_ADD[] =
    "INSERT INTO agenda_item (meeting_id, addr, name, text, late, "
    "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* agenda_item_add - see db_agenda.h */
int
agenda_item_add(struct db *db, int64_t meeting_id, const char *addr,
    const char *name, const char *text, int late, int64_t now)
{
	return (db_exec(db, SQL_ITEM_ADD, "itttii", meeting_id, addr, name,
	    text, (int64_t)(late != 0), now));
}

static const char SQL_ITEM_EACH[] =
    "SELECT id, addr, name, text, late, received_at FROM agenda_item "
    "WHERE meeting_id = ?1 ORDER BY id";

/* agenda_item_each - see db_agenda.h */
int
agenda_item_each(struct db *db, int64_t meeting_id,
    int (*cb)(const struct agenda_item *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct agenda_item	 it;
	int			 rc;

	if ((st = db_query(db, SQL_ITEM_EACH, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		it.id = sqlite3_column_int64(st, 0);
		it.addr = db_col_text(st, 1);
		it.name = db_col_text(st, 2);
		it.text = db_col_text(st, 3);
		it.late = sqlite3_column_int(st, 4) != 0;
		it.received_at = sqlite3_column_int64(st, 5);
		if (cb(&it, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_PAPER_ADD[] =
    "INSERT INTO agenda_paper (meeting_id, filename, ctype, data, "
    "added_by, late, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* agenda_paper_add - see db_agenda.h */
int
agenda_paper_add(struct db *db, int64_t meeting_id,
    const struct agenda_paper *p, int64_t now)
{
	return (db_exec(db, SQL_PAPER_ADD, "ittbtii", meeting_id, p->filename,
	    p->ctype, p->data, p->len, p->added_by, (int64_t)(p->late != 0),
	    now));
}

static const char SQL_PAPER_EACH[] =
    "SELECT id, filename, ctype, data, added_by, late FROM agenda_paper "
    "WHERE meeting_id = ?1 ORDER BY id";

/* agenda_paper_each - see db_agenda.h */
int
agenda_paper_each(struct db *db, int64_t meeting_id,
    int (*cb)(const struct agenda_paper *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct agenda_paper	 p;
	int			 rc;

	if ((st = db_query(db, SQL_PAPER_EACH, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		p.id = sqlite3_column_int64(st, 0);
		p.filename = db_col_text(st, 1);
		p.ctype = db_col_text(st, 2);
		p.data = sqlite3_column_blob(st, 3);
		p.len = (size_t)sqlite3_column_bytes(st, 3);
		p.added_by = db_col_text(st, 4);
		p.late = sqlite3_column_int(st, 5) != 0;
		if (cb(&p, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_SENT_HAS[] =
    "SELECT 1 FROM agenda_sent WHERE meeting_id = ?1";

/* agenda_sent_has - see db_agenda.h */
int
agenda_sent_has(struct db *db, int64_t meeting_id, int *yes)
{
	int64_t	one;
	int	rc = db_one_int(db, &one, SQL_SENT_HAS, "i", meeting_id);

	*yes = rc == DB_OK;
	return (rc == DB_NOTFOUND ? DB_OK : rc);
}

static const char SQL_SENT_ADD[] =
    "INSERT OR IGNORE INTO agenda_sent (meeting_id, sent_at) "
    "VALUES (?1, ?2)";

/* agenda_sent_add - see db_agenda.h */
int
agenda_sent_add(struct db *db, int64_t meeting_id, int64_t now)
{
	return (db_exec(db, SQL_SENT_ADD, "ii", meeting_id, now));
}

static const char SQL_SEAT_CLEAR[] =
    "DELETE FROM meeting_seat WHERE meeting_id = ?1";
static const char SQL_SEAT_ADD[] =
    "INSERT INTO meeting_seat (meeting_id, seat, addr) VALUES (?1, ?2, ?3)";

/* seat_set - see db_agenda.h */
int
seat_set(struct db *db, int64_t meeting_id, char *const *addr, size_t n)
{
	int	rc;

	if (n > SEATS_MAX)
		return (DB_ERR);
	rc = db_exec(db, SQL_SEAT_CLEAR, "i", meeting_id);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		rc = db_exec(db, SQL_SEAT_ADD, "iit", meeting_id,
		    (int64_t)(i + 1), addr[i]);
	return (rc);
}

static const char SQL_SEAT_EACH[] =
    "SELECT addr FROM meeting_seat WHERE meeting_id = ?1 ORDER BY seat";

/* seat_each - see db_agenda.h */
int
seat_each(struct db *db, int64_t meeting_id,
    int (*cb)(const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_SEAT_EACH, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(db_col_text(st, 0), arg) != 0)
			break;
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}
