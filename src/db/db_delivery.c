/*
 * db_delivery.c - per-recipient delivery records; see db_delivery.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "db/db.h"
#include "db/db_delivery.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The words the delivery table stores, by enum delivery_status. */
static const char *const statuses[] = {
	[DELIVERY_SENT] = "sent",
	[DELIVERY_FAILED] = "failed",
	[DELIVERY_DEFERRED] = "deferred",
};

/*
 * Walks members in id order from a cursor, so each batch costs a range
 * of member_by_list and one primary-key probe per member: never a sort
 * of the list or a scan of all delivery records per batch.
 */
/*
 * Digest members get each post only when the list has no digest
 * schedule: a member who asked for fewer mails must not get none.
 * With one, the post waits for their digest (db_digest.h).
 */
/*
 * On a newsletter list (schema 14) the posts wait for the weekly update:
 * only a member who asked for each post as well (news_each, "set mail")
 * gets them one by one, and digest members have the update instead.
 */
#define GETS_EACH(m)							\
    "(((" m ".mode = 'mail' AND (" m ".news_each = 1 OR (SELECT "	\
    "newsletter_at FROM list WHERE id = ?1) IS NULL)) OR (" m ".mode "	\
    "= 'digest' AND (SELECT digest_at IS NULL AND newsletter_at IS "	\
    "NULL FROM list WHERE id = ?1))) AND " NOT_DISABLED(m) ")"
/* Mail to a member stopped by bounces (schema 24) waits for moot member
 * enable; they stay a member. */
#define NOT_DISABLED(m)							\
    "NOT EXISTS (SELECT 1 FROM bounce b WHERE b.member_id = " m ".id "	\
    "AND b.disabled_at IS NOT NULL)"
/* The member's List-Unsubscribe token is made again from its row (the
 * database holds only its hash: token.h), so the member is joined to it. */
#define DELIVERY_COLS							\
    "SELECT m.id, m.addr, t.addr, t.nonce, t.expires_at FROM member m "	\
    "LEFT JOIN token t ON t.id = m.leave_token_id "
/* No final record of the post for the member's address: after a crash,
 * a deferral or a 452, those who had it are not sent it again. */
#define NO_FINAL_RECORD							\
    "AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.spool_id = ?3 "	\
    "AND d.addr = m.addr AND d.status IN ('sent', 'failed')) "
#define MEMBERS_FROM							\
    "WHERE m.list_id = ?1 AND " GETS_EACH("m") " AND m.id > ?2 "
static const char SQL_DELIVERY_BATCH[] = DELIVERY_COLS MEMBERS_FROM
    NO_FINAL_RECORD "ORDER BY m.id LIMIT ?4";
/* DELIVERY_FRESH: the same without looking for records (?3 unused). */
static const char SQL_DELIVERY_BATCH_FRESH[] = DELIVERY_COLS MEMBERS_FROM
    "ORDER BY m.id LIMIT ?4";

/* Mail to L-owner goes to the owners, whatever their delivery mode. */
static const char SQL_DELIVERY_BATCH_OWNERS[] = DELIVERY_COLS
    "WHERE m.list_id = ?1 AND m.role = 'owner' AND m.id > ?2 "
    NO_FINAL_RECORD "ORDER BY m.id LIMIT ?4";

/* leave_token - the List-Unsubscribe token of the member of this row, in
 * out, or "" if it has none (yet) */
static void
leave_token(sqlite3_stmt *st, int64_t list_id, char out[TOKEN_CHARS + 1])
{
	struct token_mac	 c;
	const void		*nonce = sqlite3_column_blob(st, 3);

	out[0] = '\0';
	if (nonce == NULL || sqlite3_column_bytes(st, 3) != TOKEN_NONCE)
		return;
	memset(&c, 0, sizeof(c));
	c.purpose = "leave";
	c.list_id = list_id;
	c.object_id = sqlite3_column_int64(st, 0);
	c.addr = db_col_text(st, 2);
	memcpy(c.nonce, nonce, TOKEN_NONCE);
	c.expires_at = sqlite3_column_int64(st, 4);
	if (token_make(&c, out) == -1)
		out[0] = '\0';
}

/* delivery_batch - see db_delivery.h */
int
delivery_batch(struct db *db, int64_t spool_id, int64_t list_id,
    enum audience who, unsigned flags, int64_t *cursor, int64_t limit,
    void (*cb)(int64_t, const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*st;
	const char	*sql = SQL_DELIVERY_BATCH;
	char		 tok[TOKEN_CHARS + 1] = "";
	int		 rc, n = 0;

	if (who == AUDIENCE_OWNERS)
		sql = SQL_DELIVERY_BATCH_OWNERS;
	else if (flags & DELIVERY_FRESH)
		sql = SQL_DELIVERY_BATCH_FRESH;
	if ((st = db_query(db, sql, "iiii", list_id, *cursor, spool_id,
	    limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		*cursor = sqlite3_column_int64(st, 0);
		/* An HMAC a member: only for a copy that shows it. */
		if (flags & DELIVERY_TOKENS)
			leave_token(st, list_id, tok);
		cb(*cursor, db_col_text(st, 1), tok, arg);
		n++;
	}
	if (rc != DB_OK)
		return (rc);
	return (n > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_DELIVERY_ANY[] =
    "SELECT EXISTS (SELECT 1 FROM delivery WHERE spool_id = ?1)";

/* delivery_any - see db_delivery.h */
int
delivery_any(struct db *db, int64_t spool_id, int *yes)
{
	int64_t	v = 0;
	int	rc;

	rc = db_one_int(db, &v, SQL_DELIVERY_ANY, "i", spool_id);
	*yes = v != 0;
	return (rc);
}

/*
 * A transaction's records go in a few INSERTs of many rows each, not
 * one statement a recipient: with 100 recipients a transaction, running
 * a statement per record (its start and its end) was most of mootd's
 * CPU in a bulk fan-out (bench/PROFILE.md).  The SQL is fixed: 50 rows
 * a statement, then 8, then one at a time, so three statements are
 * cached and a transaction of 100 takes two steps.  One row of
 * RECORD_PARAMS parameters, in the columns' order.
 */
#define RECORD_ROW	"(?,?,?,?,?,?)"
#define RECORD_PARAMS	6
#define RECORD_ROWS_2	RECORD_ROW "," RECORD_ROW
#define RECORD_ROWS_4	RECORD_ROWS_2 "," RECORD_ROWS_2
#define RECORD_ROWS_8	RECORD_ROWS_4 "," RECORD_ROWS_4
#define RECORD_ROWS_10	RECORD_ROWS_8 "," RECORD_ROWS_2
#define RECORD_ROWS_50	RECORD_ROWS_10 "," RECORD_ROWS_10 ","		\
    RECORD_ROWS_10 "," RECORD_ROWS_10 "," RECORD_ROWS_10
#define RECORD_INSERT							\
    "INSERT OR REPLACE INTO delivery (spool_id, addr, status, code, "	\
    "reply, at) VALUES "

static const char SQL_DELIVERY_RECORD_MANY[] = RECORD_INSERT RECORD_ROWS_50;
static const char SQL_DELIVERY_RECORD_FEW[] = RECORD_INSERT RECORD_ROWS_8;
static const char SQL_DELIVERY_RECORD_ONE[] = RECORD_INSERT RECORD_ROW;

/* Largest first; rows is what each statement's VALUES holds. */
static const struct {
	const char	*sql;
	size_t		 rows;
} record_sql[] = {
	{ SQL_DELIVERY_RECORD_MANY, 50 },
	{ SQL_DELIVERY_RECORD_FEW, 8 },
	{ SQL_DELIVERY_RECORD_ONE, 1 },
};

/*
 * record_bind - row i of st from rec.  The strings are bound without a
 * copy (SQLITE_STATIC): record_rows() steps st and clears its bindings
 * while the caller's strings are still there.
 */
static int
record_bind(sqlite3_stmt *st, size_t i, int64_t spool_id,
    const struct delivery_rec *rec, int64_t at)
{
	int	p = (int)i * RECORD_PARAMS, rc;

	if ((rc = sqlite3_bind_int64(st, p + 1, spool_id)) == SQLITE_OK &&
	    (rc = sqlite3_bind_text(st, p + 2, rec->addr, -1,
	    SQLITE_STATIC)) == SQLITE_OK &&
	    (rc = sqlite3_bind_text(st, p + 3, statuses[rec->status], -1,
	    SQLITE_STATIC)) == SQLITE_OK &&
	    (rc = sqlite3_bind_int64(st, p + 4, rec->code)) == SQLITE_OK &&
	    (rc = rec->reply == NULL ? sqlite3_bind_null(st, p + 5) :
	    sqlite3_bind_text(st, p + 5, rec->reply, -1, SQLITE_STATIC)) ==
	    SQLITE_OK)
		rc = sqlite3_bind_int64(st, p + 6, at);
	return (rc);
}

/* record_rows - the first record_sql[k].rows of recs, in one step */
static int
record_rows(struct db *db, size_t k, int64_t spool_id,
    const struct delivery_rec *recs, int64_t at)
{
	const char	*sql = record_sql[k].sql;
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = SQLITE_OK;

	if ((st = db_stmt(db, sql)) == NULL)
		return (DB_ERR);
	/* The rows above and the SQL's tuples are one number, twice. */
	if ((size_t)sqlite3_bind_parameter_count(st) !=
	    record_sql[k].rows * RECORD_PARAMS)
		log_panic("db: %zu rows do not fit: %s", record_sql[k].rows,
		    sql);
	for (i = 0; i < record_sql[k].rows && rc == SQLITE_OK; i++)
		rc = record_bind(st, i, spool_id, &recs[i], at);
	rc = rc != SQLITE_OK ? db_fail(db, rc, sql) : db_step(db, st);
	/* Nothing of the caller's is left in st once it returns. */
	sqlite3_clear_bindings(st);
	return (rc);
}

/* delivery_record - see db_delivery.h */
int
delivery_record(struct db *db, int64_t spool_id,
    const struct delivery_rec *recs, size_t n)
{
	int64_t	at = (int64_t)clock_now();
	size_t	k = 0;
	int	rc;

	while (n > 0) {
		while (record_sql[k].rows > n)
			k++;		/* the last has one row */
		if ((rc = record_rows(db, k, spool_id, recs, at)) != DB_OK)
			return (rc);
		recs += record_sql[k].rows;
		n -= record_sql[k].rows;
	}
	return (DB_OK);
}

static const char SQL_DELIVERY_PENDING[] =
    "SELECT count(*) FROM member m WHERE m.list_id = ?1 "
    "AND (CASE ?3 WHEN 1 THEN m.role = 'owner' "
    "ELSE " GETS_EACH("m") " END) "
    "AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.spool_id = ?2 AND "
    "d.addr = m.addr AND d.status IN ('sent', 'failed'))";

int
delivery_pending(struct db *db, int64_t spool_id, int64_t list_id,
    enum audience who, int64_t *n)
{
	return (db_one_int(db, n, SQL_DELIVERY_PENDING, "iii", list_id,
	    spool_id, (int64_t)(who == AUDIENCE_OWNERS)));
}

static const char SQL_DELIVERY_COUNT[] =
    "SELECT count(*) FROM delivery WHERE spool_id = ?1 AND status = ?2";

int
delivery_count(struct db *db, int64_t spool_id, enum delivery_status status,
    int64_t *n)
{
	return (db_one_int(db, n, SQL_DELIVERY_COUNT, "it", spool_id,
	    statuses[status]));
}
