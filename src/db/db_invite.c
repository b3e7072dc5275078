/*
 * db_invite.c - invitations sent, answers and attendance; see db_invite.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "db/db.h"
#include "db/db_invite.h"
#include "util/sys_defs.h"

/* The words of the tables' CHECKs, in the enums' order. */
static const char *const sent_words[] = {
	[INVITE_REMIND] = "remind", [INVITE_UPDATE] = "update",
	[INVITE_CANCEL] = "cancel",
};
static const char *const answer_words[] = {
	[ANSWER_ACCEPTED] = "accepted", [ANSWER_DECLINED] = "declined",
	[ANSWER_TENTATIVE] = "tentative",
};

/* invite_answer_name - see db_invite.h */
const char *
invite_answer_name(enum invite_answer a)
{
	return ((unsigned)a < nitems(answer_words) ? answer_words[a] : "?");
}

/* answer_parse - the enum of a stored word; -1 if none */
static int
answer_parse(const char *s)
{
	for (size_t i = 0; s != NULL && i < nitems(answer_words); i++)
		if (strcmp(s, answer_words[i]) == 0)
			return ((int)i);
	return (-1);
}

static const char SQL_SENT_HAS[] =
    "SELECT 1 FROM meeting_sent WHERE meeting_id = ?1 AND what = ?2 "
    "AND days = ?3 AND sequence = ?4";

/* invite_sent_has - see db_invite.h */
int
invite_sent_has(struct db *db, int64_t meeting_id, enum invite_sent what,
    int64_t days, int64_t sequence, int *yes)
{
	int64_t	one;
	int	rc = db_one_int(db, &one, SQL_SENT_HAS, "itii", meeting_id,
		    sent_words[what], days, sequence);

	*yes = rc == DB_OK;
	return (rc == DB_NOTFOUND ? DB_OK : rc);
}

static const char SQL_SENT_LAST[] =
    "SELECT coalesce(max(sequence), -1) FROM meeting_sent "
    "WHERE meeting_id = ?1";

/* invite_sent_last - see db_invite.h */
int
invite_sent_last(struct db *db, int64_t meeting_id, int64_t *seq)
{
	return (db_one_int(db, seq, SQL_SENT_LAST, "i", meeting_id));
}

static const char SQL_SENT_ADD[] =
    "INSERT OR IGNORE INTO meeting_sent (meeting_id, what, days, sequence, "
    "sent_at) VALUES (?1, ?2, ?3, ?4, ?5)";

/* invite_sent_add - see db_invite.h */
int
invite_sent_add(struct db *db, int64_t meeting_id, enum invite_sent what,
    int64_t days, int64_t sequence, int64_t now)
{
	return (db_exec(db, SQL_SENT_ADD, "itiii", meeting_id,
	    sent_words[what], days, sequence, now));
}

static const char SQL_ANSWER_SET[] =
    "INSERT INTO meeting_answer (meeting_id, addr, answer, answered_at) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (meeting_id, addr) DO UPDATE "
    "SET answer = excluded.answer, answered_at = excluded.answered_at";

/* invite_answer_set - see db_invite.h */
int
invite_answer_set(struct db *db, int64_t meeting_id, const char *addr,
    enum invite_answer a, int64_t now)
{
	return (db_exec(db, SQL_ANSWER_SET, "itti", meeting_id, addr,
	    answer_words[a], now));
}

static const char SQL_ANSWER_EACH[] =
    "SELECT addr, answer FROM meeting_answer WHERE meeting_id = ?1 "
    "ORDER BY addr";

/* invite_answer_each - see db_invite.h */
int
invite_answer_each(struct db *db, int64_t meeting_id,
    int (*cb)(const char *, enum invite_answer, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc, a;

	if ((st = db_query(db, SQL_ANSWER_EACH, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		const char *addr = (const char *)sqlite3_column_text(st, 0);

		a = answer_parse((const char *)sqlite3_column_text(st, 1));
		if (addr == NULL || a == -1)
			continue;
		if (cb(addr, (enum invite_answer)a, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_ANSWER_COUNT[] =
    "SELECT answer, count(*) FROM meeting_answer WHERE meeting_id = ?1 "
    "GROUP BY answer";

/* invite_answer_count - see db_invite.h */
int
invite_answer_count(struct db *db, int64_t meeting_id,
    int64_t n[ANSWER_COUNT])
{
	sqlite3_stmt	*st;
	int		 rc, a;

	memset(n, 0, sizeof(int64_t) * ANSWER_COUNT);
	if ((st = db_query(db, SQL_ANSWER_COUNT, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if ((a = answer_parse((const char *)sqlite3_column_text(st,
		    0))) != -1)
			n[a] = sqlite3_column_int64(st, 1);
	db_reset(st);
	return (rc);
}

static const char SQL_ATTENDED_ADD[] =
    "INSERT OR IGNORE INTO meeting_attended (meeting_id, addr, "
    "recorded_at) VALUES (?1, ?2, ?3)";

/* invite_attended_add - see db_invite.h */
int
invite_attended_add(struct db *db, int64_t meeting_id, const char *addr,
    int64_t now)
{
	return (db_exec(db, SQL_ATTENDED_ADD, "iti", meeting_id, addr, now));
}

static const char SQL_ATTEND_ASKED[] =
    "SELECT 1 FROM meeting_attend_asked WHERE meeting_id = ?1";

/* invite_attend_asked - see db_invite.h */
int
invite_attend_asked(struct db *db, int64_t meeting_id, int *yes)
{
	int64_t	one;
	int	rc = db_one_int(db, &one, SQL_ATTEND_ASKED, "i", meeting_id);

	*yes = rc == DB_OK;
	return (rc == DB_NOTFOUND ? DB_OK : rc);
}

static const char SQL_ATTEND_ASKED_ADD[] =
    "INSERT INTO meeting_attend_asked (meeting_id, asked_at) "
    "VALUES (?1, ?2)";

/* invite_attend_asked_add - see db_invite.h */
int
invite_attend_asked_add(struct db *db, int64_t meeting_id, int64_t now)
{
	return (db_exec(db, SQL_ATTEND_ASKED_ADD, "ii", meeting_id, now));
}

static const char SQL_ATTENDED_EACH[] =
    "SELECT addr FROM meeting_attended WHERE meeting_id = ?1 ORDER BY addr";

/* invite_attended_each - see db_invite.h */
int
invite_attended_each(struct db *db, int64_t meeting_id,
    int (*cb)(const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_ATTENDED_EACH, "i", meeting_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		const char *addr = (const char *)sqlite3_column_text(st, 0);

		if (addr != NULL && cb(addr, arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

/* The last meetings of a group that have begun (by ?2, since ?4) and
 * were held; ?3 of them at most (-1: all). */
#define LAST_HELD							\
    "SELECT id FROM meeting WHERE grp = ?1 AND start_at <= ?2 "		\
    "AND start_at >= ?4 AND state = 'scheduled' "			\
    "ORDER BY start_at DESC LIMIT ?3"

static const char SQL_HELD[] =
    "SELECT count(*) FROM (" LAST_HELD ")";
static const char SQL_TALLY[] =
    "SELECT meeting_id, addr FROM meeting_attended WHERE meeting_id IN ("
    LAST_HELD ") ORDER BY addr, meeting_id";

/* invite_attended_tally - see db_invite.h */
int
invite_attended_tally(struct db *db, const char *grp, int64_t since,
    int64_t now, int64_t nlast, int64_t *held,
    int (*cb)(int64_t, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = db_one_int(db, held, SQL_HELD, "tiii", grp, now, nlast,
	    since)) != DB_OK)
		return (rc);
	if ((st = db_query(db, SQL_TALLY, "tiii", grp, now, nlast, since)) ==
	    NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		const char *addr = (const char *)sqlite3_column_text(st, 1);

		if (addr != NULL && cb(sqlite3_column_int64(st, 0), addr,
		    arg) != 0)
			break;
	}
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}
