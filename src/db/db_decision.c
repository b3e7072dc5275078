/*
 * db_decision.c - proposals, votes, electorates and ballots; see
 * db_decision.h
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "util/alloc.h"
#include "util/sys_defs.h"

static const char *const kind_names[DK_COUNT] = {
	[DK_CONSENSUS] = "consensus",
	[DK_VOTE] = "vote",
};

static const char *const state_names[DS_COUNT] = {
	[DS_OPEN] = "open",
	[DS_CASTING] = "casting",
	[DS_ASKING] = "asking",
	[DS_PASSED] = "passed",
	[DS_FAILED] = "failed",
	[DS_AMENDED] = "amended",
	[DS_PENDING] = "pending",
};

/* decision_kind_name - see db_decision.h */
const char *
decision_kind_name(enum decision_kind k)
{
	return ((unsigned)k < DK_COUNT ? kind_names[k] : "?");
}

/* decision_state_name - see db_decision.h */
const char *
decision_state_name(enum decision_state s)
{
	return ((unsigned)s < DS_COUNT ? state_names[s] : "?");
}

/* word_index - the index of s in names[n], or 0 (the first) if none:
 * the table's CHECK keeps anything else out */
static int
word_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return ((int)i);
	return (0);
}

static const char SQL_DECISION_INSERT[] =
    "INSERT INTO decision (list_id, kind, title, text, proposer, options, "
    "per_org, open_ballot, keep_removed, parent_id, opened_at, closes_at, "
    "chair, electorate, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9, NULLIF(?10, 0), ?11, ?12, ?13, ?14, ?15)";

/* decision_insert - see db_decision.h */
int
decision_insert(struct db *db, struct decision_row *d)
{
	int	rc;

	rc = db_exec(db, SQL_DECISION_INSERT, "itttttiiiiiitit", d->list_id,
	    decision_kind_name(d->kind), d->title, d->text, d->proposer,
	    d->options, (int64_t)d->per_org, (int64_t)d->open_ballot,
	    (int64_t)d->keep_removed, d->parent_id, d->opened_at, d->closes_at,
	    d->chair, d->electorate, decision_state_name(d->state ==
	    DS_PENDING ? DS_PENDING : DS_OPEN));
	if (rc == DB_OK)
		d->id = db_last_id(db);
	return (rc);
}

#define DECISION_COLS							\
	"d.id, d.list_id, l.name, d.kind, d.title, d.text, d.proposer, "\
	"d.options, d.per_org, d.open_ballot, d.keep_removed, "		\
	"coalesce(d.parent_id, 0), d.opened_at, d.closes_at, d.state, "	\
	"d.chair, d.casting, d.result, d.outcome, d.electorate, "	\
	"d.turnout, coalesce(d.decided_at, 0), "			\
	"coalesce(d.reminded_at, 0), coalesce(d.told_at, 0) "		\
	"FROM decision d JOIN list l ON l.id = d.list_id "

/* row - the decision in st's current row, new */
static void *
row(sqlite3_stmt *st)
{
	struct decision_row	*d = xcalloc(1, sizeof(*d));

	d->id = sqlite3_column_int64(st, 0);
	d->list_id = sqlite3_column_int64(st, 1);
	d->list = xstrdup(db_col_text(st, 2));
	d->kind = (enum decision_kind)word_index(kind_names, DK_COUNT,
	    db_col_text(st, 3));
	d->title = xstrdup(db_col_text(st, 4));
	d->text = xstrdup(db_col_text(st, 5));
	d->proposer = xstrdup(db_col_text(st, 6));
	d->options = xstrdup(db_col_text(st, 7));
	d->per_org = sqlite3_column_int(st, 8);
	d->open_ballot = sqlite3_column_int(st, 9);
	d->keep_removed = sqlite3_column_int(st, 10);
	d->parent_id = sqlite3_column_int64(st, 11);
	d->opened_at = sqlite3_column_int64(st, 12);
	d->closes_at = sqlite3_column_int64(st, 13);
	d->state = (enum decision_state)word_index(state_names, DS_COUNT,
	    db_col_text(st, 14));
	d->chair = db_col_dup(st, 15);
	d->casting = db_col_dup(st, 16);
	d->result = db_col_dup(st, 17);
	d->outcome = db_col_dup(st, 18);
	d->electorate = sqlite3_column_int64(st, 19);
	d->turnout = sqlite3_column_int64(st, 20);
	d->decided_at = sqlite3_column_int64(st, 21);
	d->reminded_at = sqlite3_column_int64(st, 22);
	d->told_at = sqlite3_column_int64(st, 23);
	return (d);
}

static const char SQL_DECISION_LOAD[] =
    "SELECT " DECISION_COLS "WHERE d.id = ?1";

/* decision_load - see db_decision.h */
int
decision_load(struct db *db, int64_t id, struct decision_row **out)
{
	return (db_fetch(db, db_query(db, SQL_DECISION_LOAD, "i", id), row,
	    (void **)out));
}

/*
 * each - cb for each row of st; the rows are read first, so that cb may
 * write (close a vote, queue its result) while none is being stepped
 */
static int
each(struct db *db, sqlite3_stmt *st,
    int (*cb)(const struct decision_row *, void *), void *arg)
{
	struct decision_row	**v = NULL;
	size_t		  n = 0, cap = 0;
	int		  rc;

	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = row(st);
	}
	db_reset(st);
	for (size_t i = 0, stop = 0; i < n; i++) {
		if (rc == DB_OK && !stop && cb(v[i], arg) != 0)
			stop = 1;
		decision_free(&v[i]);
	}
	free(v);
	return (rc);
}

static const char SQL_DECISION_EACH[] =
    "SELECT " DECISION_COLS "WHERE (?1 = 0 OR d.list_id = ?1) AND "
    "(?2 = '' OR d.state = ?2) ORDER BY d.id";

/* decision_each - see db_decision.h */
int
decision_each(struct db *db, int64_t list_id, int state,
    int (*cb)(const struct decision_row *, void *), void *arg)
{
	const char	*s = state < 0 ? "" :
	    decision_state_name((enum decision_state)state);

	return (each(db, db_query(db, SQL_DECISION_EACH, "it", list_id, s),
	    cb, arg));
}

static const char SQL_DECISION_DUE[] =
    "SELECT " DECISION_COLS "WHERE (d.state = 'open' AND d.closes_at <= ?1) "
    "OR d.state = 'casting' OR (d.state = 'asking' AND d.closes_at <= ?2) "
    "ORDER BY d.closes_at, d.id";

/* decision_due - see db_decision.h */
int
decision_due(struct db *db, int64_t now, int64_t asked_before,
    int (*cb)(const struct decision_row *, void *), void *arg)
{
	return (each(db, db_query(db, SQL_DECISION_DUE, "ii", now,
	    asked_before), cb, arg));
}

static const char SQL_DECISION_DECIDED[] =
    "SELECT " DECISION_COLS "WHERE d.state IN ('passed', 'failed') AND "
    "d.decided_at >= ?1 AND d.decided_at < ?2 ORDER BY d.decided_at, d.id";

/* decision_decided_each - see db_decision.h */
int
decision_decided_each(struct db *db, int64_t since, int64_t until,
    int (*cb)(const struct decision_row *, void *), void *arg)
{
	return (each(db, db_query(db, SQL_DECISION_DECIDED, "ii", since,
	    until), cb, arg));
}

static const char SQL_DECISION_STATE[] =
    "UPDATE decision SET state = ?3, result = coalesce(?4, result), "
    "outcome = coalesce(?5, outcome), turnout = CASE WHEN ?6 < 0 THEN "
    "turnout ELSE ?6 END, decided_at = coalesce(NULLIF(?7, 0), decided_at) "
    "WHERE id = ?1 AND state = ?2";

/* decision_set_state - see db_decision.h */
int
decision_set_state(struct db *db, int64_t id, enum decision_state from,
    enum decision_state to, const char *result, const char *outcome,
    int64_t turnout, int64_t decided_at)
{
	int	rc;

	rc = db_exec(db, SQL_DECISION_STATE, "ittttii", id,
	    decision_state_name(from), decision_state_name(to), result,
	    outcome, turnout, decided_at);
	if (rc == DB_OK && db_changes(db) == 0)
		return (DB_NOTFOUND);
	return (rc);
}

static const char SQL_DECISION_CASTING[] =
    "UPDATE decision SET casting = ?2 WHERE id = ?1 AND state = 'casting' "
    "AND casting IS NULL";

/* decision_set_casting - see db_decision.h */
int
decision_set_casting(struct db *db, int64_t id, const char *choice)
{
	int	rc = db_exec(db, SQL_DECISION_CASTING, "it", id, choice);

	if (rc == DB_OK && db_changes(db) == 0)
		return (DB_NOTFOUND);
	return (rc);
}

static const char SQL_DECISION_ELECTORATE[] =
    "UPDATE decision SET electorate = ?2 WHERE id = ?1";

/* decision_set_electorate - see db_decision.h */
int
decision_set_electorate(struct db *db, int64_t id, int64_t n)
{
	return (db_exec(db, SQL_DECISION_ELECTORATE, "ii", id, n));
}

static const char SQL_DECISION_OPENED[] =
    "UPDATE decision SET state = 'open', opened_at = ?2 WHERE id = ?1 AND "
    "state = 'pending'";

/* decision_set_opened - see db_decision.h */
int
decision_set_opened(struct db *db, int64_t id, int64_t t)
{
	int	rc = db_exec(db, SQL_DECISION_OPENED, "ii", id, t);

	if (rc == DB_OK && db_changes(db) == 0)
		return (DB_NOTFOUND);
	return (rc);
}

static const char SQL_DECISION_REMINDED[] =
    "UPDATE decision SET reminded_at = ?2 WHERE id = ?1";
static const char SQL_DECISION_TOLD[] =
    "UPDATE decision SET told_at = ?2 WHERE id = ?1";

/* decision_set_reminded - see db_decision.h */
int
decision_set_reminded(struct db *db, int64_t id, int64_t t)
{
	return (db_exec(db, SQL_DECISION_REMINDED, "ii", id, t));
}

/* decision_set_told - see db_decision.h */
int
decision_set_told(struct db *db, int64_t id, int64_t t)
{
	return (db_exec(db, SQL_DECISION_TOLD, "ii", id, t));
}

/* decision_free - see db_decision.h */
void
decision_free(struct decision_row **dp)
{
	struct decision_row	*d;

	if (dp == NULL || (d = *dp) == NULL)
		return;
	free(d->list);
	free(d->title);
	free(d->text);
	free(d->proposer);
	free(d->options);
	free(d->chair);
	free(d->casting);
	free(d->result);
	free(d->outcome);
	free(d);
	*dp = NULL;
}

static const char SQL_VOTER_ADD[] =
    "INSERT OR IGNORE INTO decision_voter (decision_id, addr, voter_key) "
    "VALUES (?1, ?2, ?3)";

/* voter_add - see db_decision.h */
int
voter_add(struct db *db, int64_t decision_id, const char *addr,
    const char *key)
{
	return (db_exec(db, SQL_VOTER_ADD, "itt", decision_id, addr, key));
}

static const char SQL_VOTER_KEY[] =
    "SELECT voter_key FROM decision_voter WHERE decision_id = ?1 AND "
    "addr = ?2";

/* voter_key - see db_decision.h */
int
voter_key(struct db *db, int64_t decision_id, const char *addr, char **key)
{
	sqlite3_stmt	*st;
	int		 rc;

	*key = NULL;
	if ((st = db_query(db, SQL_VOTER_KEY, "it", decision_id, addr)) ==
	    NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) == DB_ROW) {
		*key = xstrdup(db_col_text(st, 0));
		rc = DB_OK;
	} else if (rc == DB_OK)
		rc = DB_NOTFOUND;
	db_reset(st);
	return (rc);
}

static const char SQL_VOTER_COUNT[] =
    "SELECT count(DISTINCT voter_key) FROM decision_voter WHERE "
    "decision_id = ?1";

/* voter_count - see db_decision.h */
int
voter_count(struct db *db, int64_t decision_id, int64_t *n)
{
	return (db_one_int(db, n, SQL_VOTER_COUNT, "i", decision_id));
}

static const char SQL_BALLOT_SET[] =
    "INSERT INTO decision_ballot (decision_id, voter_key, addr, choice, "
    "reason, cast_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (decision_id, voter_key) DO UPDATE SET addr = ?3, "
    "choice = ?4, reason = ?5, cast_at = ?6";

/* ballot_set - see db_decision.h */
int
ballot_set(struct db *db, int64_t decision_id, const char *key,
    const char *addr, const char *choice, const char *reason, int64_t t)
{
	return (db_exec(db, SQL_BALLOT_SET, "itttti", decision_id, key, addr,
	    choice, reason, t));
}

static const char SQL_BALLOT_DROP_REMOVED[] =
    "DELETE FROM decision_ballot WHERE decision_id = ?1 AND addr IS NOT "
    "NULL AND addr NOT IN (SELECT addr FROM member WHERE list_id = ?2)";

/* ballot_drop_removed - see db_decision.h */
int
ballot_drop_removed(struct db *db, int64_t decision_id, int64_t list_id,
    int64_t *n)
{
	int	rc = db_exec(db, SQL_BALLOT_DROP_REMOVED, "ii", decision_id,
	    list_id);

	*n = rc == DB_OK ? db_changes(db) : 0;
	return (rc);
}

static const char SQL_BALLOT_COUNT[] =
    "SELECT choice, count(*) FROM decision_ballot WHERE decision_id = ?1 "
    "GROUP BY choice ORDER BY choice";

/* ballot_count - see db_decision.h */
int
ballot_count(struct db *db, int64_t decision_id,
    int (*cb)(const char *, int64_t, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_BALLOT_COUNT, "i", decision_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(db_col_text(st, 0), sqlite3_column_int64(st, 1), arg))
			break;
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

static const char SQL_BALLOT_OPEN[] =
    "SELECT addr, choice, reason FROM decision_ballot WHERE decision_id = "
    "?1 AND addr IS NOT NULL ORDER BY addr";

/* ballot_each_open - see db_decision.h */
int
ballot_each_open(struct db *db, int64_t decision_id,
    int (*cb)(const char *, const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_BALLOT_OPEN, "i", decision_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(db_col_text(st, 0), db_col_text(st, 1),
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL :
		    db_col_text(st, 2), arg))
			break;
	db_reset(st);
	return (rc == DB_ROW ? DB_OK : rc);
}

/* The choices again, in the order of the choices (so their ids say
 * nothing of who came first), then the rows that named voters gone. */
static const char SQL_BALLOT_COPY[] =
    "INSERT INTO decision_ballot (decision_id, choice, reason) "
    "SELECT decision_id, choice, reason FROM decision_ballot "
    "WHERE decision_id = ?1 AND voter_key IS NOT NULL "
    "ORDER BY choice, reason";
static const char SQL_BALLOT_UNNAME[] =
    "DELETE FROM decision_ballot WHERE decision_id = ?1 AND "
    "voter_key IS NOT NULL";
static const char SQL_SECURE_DELETE[] = "PRAGMA secure_delete = ON";

/* ballot_anonymise - see db_decision.h */
int
ballot_anonymise(struct db *db, int64_t decision_id)
{
	int64_t	on;
	int	rc;

	/* Deleted rows are overwritten, not left in free pages. */
	if ((rc = db_one_int(db, &on, SQL_SECURE_DELETE, "")) != DB_OK &&
	    rc != DB_NOTFOUND)
		return (rc);
	if ((rc = db_exec(db, SQL_BALLOT_COPY, "i", decision_id)) != DB_OK)
		return (rc);
	return (db_exec(db, SQL_BALLOT_UNNAME, "i", decision_id));
}

static const char SQL_BALLOT_MAIL_ADD[] =
    "INSERT OR IGNORE INTO decision_mail (decision_id, spool_id) "
    "VALUES (?1, ?2)";

/* ballot_mail_add - see db_decision.h */
int
ballot_mail_add(struct db *db, int64_t decision_id, int64_t spool_id)
{
	return (db_exec(db, SQL_BALLOT_MAIL_ADD, "ii", decision_id,
	    spool_id));
}

static const char SQL_BALLOT_MAIL_MESSAGES[] =
    "UPDATE message SET raw = X'' WHERE id IN (SELECT s.message_id FROM "
    "spool s JOIN decision_mail m ON m.spool_id = s.id WHERE "
    "m.decision_id = ?1) AND NOT EXISTS (SELECT 1 FROM spool o WHERE "
    "o.message_id = message.id AND o.kind <> 'vote' AND o.state NOT IN "
    "('done', 'failed', 'rejected', 'discarded', 'sent'))";
static const char SQL_BALLOT_MAIL_RECEIPTS[] =
    "UPDATE outbox SET raw = X'' WHERE state <> 'queued' AND spool_id IN "
    "(SELECT spool_id FROM decision_mail WHERE decision_id = ?1)";
static const char SQL_BALLOT_MAIL_SUBJECTS[] =
    "UPDATE spool SET subject = NULL WHERE id IN (SELECT spool_id FROM "
    "decision_mail WHERE decision_id = ?1)";
static const char SQL_BALLOT_MAIL_DROP[] =
    "DELETE FROM decision_mail WHERE decision_id = ?1";

/* ballot_mail_forget - see db_decision.h */
int
ballot_mail_forget(struct db *db, int64_t decision_id)
{
	int	rc;

	if ((rc = db_exec(db, SQL_BALLOT_MAIL_MESSAGES, "i", decision_id)) !=
	    DB_OK ||
	    (rc = db_exec(db, SQL_BALLOT_MAIL_RECEIPTS, "i", decision_id)) !=
	    DB_OK ||
	    (rc = db_exec(db, SQL_BALLOT_MAIL_SUBJECTS, "i", decision_id)) !=
	    DB_OK)
		return (rc);
	return (db_exec(db, SQL_BALLOT_MAIL_DROP, "i", decision_id));
}

static const char SQL_BALLOT_NAMED[] =
    "SELECT count(*) FROM decision_ballot WHERE decision_id = ?1 AND "
    "voter_key IS NOT NULL";

/* ballot_named - see db_decision.h */
int
ballot_named(struct db *db, int64_t decision_id, int64_t *n)
{
	return (db_one_int(db, n, SQL_BALLOT_NAMED, "i", decision_id));
}

static const char SQL_DECISION_DROP_PENDING[] =
    "DELETE FROM decision WHERE state = 'pending' AND opened_at < ?1";

/* decision_drop_pending - see db_decision.h */
int
decision_drop_pending(struct db *db, int64_t before, int64_t *n)
{
	int	rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_DECISION_DROP_PENDING, "i", before)) ==
	    DB_OK)
		*n = db_changes(db);
	return (rc);
}
