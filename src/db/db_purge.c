/*
 * db_purge.c - retention: removing records whose time is up; see
 * db_purge.h, which says what each kind is and what is never removed
 */
#include <stddef.h>
#include <stdint.h>

#include "global/conf.h"
#include "db/db.h"
#include "db/db_purge.h"
#include "util/sys_defs.h"

/* The batch of message ids removed in one transaction, at most, and
 * the rows removed with each on average (delivery records, mostly). */
#define PURGE_IDS_MAX		500
#define PURGE_ROWS_PER_MESSAGE	20

static const struct {
	const char	*name;
	size_t		 keep;		/* offset of the seconds in conf */
} kinds[] = {
	[PURGE_JUNK] = { "junk", offsetof(struct conf, retain_junk) },
	[PURGE_FAILED] = { "failed", offsetof(struct conf, retain_failed) },
	[PURGE_POSTS] = { "posts", offsetof(struct conf, retain_posts) },
	[PURGE_TOKENS] = { "tokens", offsetof(struct conf, retain_tokens) },
	[PURGE_REQUESTS] = { "requests",
	    offsetof(struct conf, retain_requests) },
	[PURGE_NOTICES] = { "notices", offsetof(struct conf, retain_notices) },
	[PURGE_AUDIT] = { "audit", offsetof(struct conf, retain_audit) },
};
_Static_assert(nitems(kinds) == PURGE_NKINDS, "a name for every kind");

/* purge_kind_name - see db_purge.h */
const char *
purge_kind_name(enum purge_kind k)
{
	return ((unsigned)k < PURGE_NKINDS ? kinds[k].name : "?");
}

/* longer - the longer of two durations */
static int64_t
longer(int64_t a, int64_t b)
{
	return (a > b ? a : b);
}

/* purge_rules - see db_purge.h */
void
purge_rules(const struct conf *c, int64_t now, struct purge_rules *r)
{
	int64_t	keep;

	r->now = now;
	for (size_t k = 0; k < PURGE_NKINDS; k++) {
		keep = *(const int64_t *)(const void *)((const char *)c +
		    kinds[k].keep);
		r->cutoff[k] = keep == 0 ? INT64_MIN :
		    now - longer(keep, PURGE_MIN_AGE);
	}
	r->born_before = now - longer(c->dedupe_window,
	    PURGE_MIN_AGE);
}

/*
 * The kind of a spool row that has ended (enum purge_kind), NULL for one
 * that has not; and whether it may go: ended before its kind's cutoff
 * (?1 junk, ?2 failed, ?3 posts), received before ?4, not the highest
 * id, no queued notice about it, and no digest member of its list
 * still to have it in a digest.
 */
_Static_assert(PURGE_JUNK == 0 && PURGE_FAILED == 1 && PURGE_POSTS == 2,
    "KIND_OF numbers the spool kinds");
#define KIND_OF(s)							\
    "CASE " s ".state WHEN 'done' THEN 0 WHEN 'discarded' THEN 0 "	\
    "WHEN 'failed' THEN 1 WHEN 'sent' THEN 2 WHEN 'rejected' THEN 2 END"
#define MAY_GO(s)							\
    "(" s ".updated_at < CASE " KIND_OF(s) " WHEN 0 THEN ?1 "		\
    "WHEN 1 THEN ?2 WHEN 2 THEN ?3 END AND " s ".created_at < ?4 "	\
    "AND " s ".id < (SELECT max(id) FROM spool) AND NOT EXISTS "	\
    "(SELECT 1 FROM outbox q WHERE q.state = 'queued' AND "		\
    "q.spool_id = " s ".id) AND NOT EXISTS (SELECT 1 FROM "		\
    "digest_post p JOIN member m ON m.list_id = p.list_id JOIN list "	\
    "l ON l.id = p.list_id WHERE p.spool_id = " s ".id AND "		\
    "((l.digest_at IS NOT NULL AND m.mode = 'digest' AND "		\
    "m.digest_upto < p.seq) OR (l.newsletter_at IS NOT NULL AND "	\
    "m.mode <> 'nomail' AND m.news_upto < p.seq))))"
/* Messages every spool row of which may go; ?5 is the limit. */
#define MESSAGES_GOING							\
    "SELECT DISTINCT s.message_id FROM spool s WHERE s.state IN "	\
    "('done', 'discarded', 'failed', 'sent', 'rejected') AND "		\
    MAY_GO("s") " AND NOT EXISTS (SELECT 1 FROM spool o WHERE "	\
    "o.message_id = s.message_id AND NOT coalesce(" MAY_GO("o")	\
    ", 0)) LIMIT ?5"

static const char SQL_MESSAGES_GOING[] = MESSAGES_GOING;
static const char SQL_SPOOL_KINDS[] =
    "SELECT " KIND_OF("s") ", count(*) FROM spool s "
    "WHERE s.message_id = ?1 GROUP BY 1";
static const char SQL_SPOOL_KINDS_ALL[] =
    "SELECT " KIND_OF("s") ", count(*) FROM spool s "
    "WHERE s.message_id IN (" MESSAGES_GOING ") GROUP BY 1";
static const char SQL_MESSAGE_DELETE[] = "DELETE FROM message WHERE id = ?1";
static const char SQL_DELIVERY_DELETE[] =
    "DELETE FROM delivery WHERE (spool_id, addr) IN (SELECT d.spool_id, "
    "d.addr FROM delivery d JOIN spool s ON s.id = d.spool_id "
    "WHERE s.message_id = ?1 LIMIT ?2)";

/*
 * The other kinds, each a table and which of its rows may go: ?1 the
 * kind's cutoff, ?2 now, ?3 the limit (-1: none).  (The tokens members
 * name are their current List-Unsubscribe tokens.)
 */
#define TOKENS_GOING							\
    "FROM token WHERE expires_at < ?1 AND expires_at < ?2 AND id NOT IN " \
    "(SELECT leave_token_id FROM member WHERE leave_token_id IS NOT NULL)"
#define REQUESTS_GOING							\
    "FROM request WHERE state IN ('done', 'refused', 'expired') AND "	\
    "coalesce(decided_at, expires_at) < ?1 AND expires_at < ?2 AND "	\
    "id < (SELECT max(id) FROM request)"
#define NOTICES_GOING							\
    "FROM outbox WHERE state IN ('sent', 'failed') AND "		\
    "coalesce(sent_at, created_at) < ?1"
#define AUDIT_GOING							\
    "FROM audit WHERE at < ?1"

static const struct table_kind {
	enum purge_kind	 kind;
	const char	*remove;
	const char	*count;
} tables[] = {
	{ PURGE_TOKENS,
	    "DELETE FROM token WHERE id IN (SELECT id " TOKENS_GOING
	    " LIMIT ?3)",
	    "SELECT count(*) FROM (SELECT 1 " TOKENS_GOING
	    " LIMIT ?3)" },
	{ PURGE_REQUESTS,
	    "DELETE FROM request WHERE id IN (SELECT id " REQUESTS_GOING
	    " LIMIT ?3)",
	    "SELECT count(*) FROM (SELECT 1 " REQUESTS_GOING
	    " LIMIT ?3)" },
	{ PURGE_NOTICES,
	    "DELETE FROM outbox WHERE id IN (SELECT id " NOTICES_GOING
	    " LIMIT ?3)",
	    "SELECT count(*) FROM (SELECT 1 " NOTICES_GOING
	    " LIMIT ?3)" },
	{ PURGE_AUDIT,
	    "DELETE FROM audit WHERE id IN (SELECT id " AUDIT_GOING
	    " LIMIT ?3)",
	    "SELECT count(*) FROM (SELECT 1 " AUDIT_GOING
	    " LIMIT ?3)" },
};

/* add_kinds - the rows of st (kind, count) added to n */
static int
add_kinds(struct db *db, sqlite3_stmt *st, int64_t n[PURGE_NKINDS])
{
	int	rc;

	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		int64_t	k = sqlite3_column_int64(st, 0);

		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    k >= 0 && k < PURGE_NKINDS)
			n[k] += sqlite3_column_int64(st, 1);
	}
	db_reset(st);
	return (rc);
}

/*
 * message_going - remove message id, its spool rows and what cascades
 * from them, counting the spool rows by kind into n; but first its
 * delivery records, at most *budget of them (a post to a large list has
 * one a member), so that no transaction grows with the list.  0 if the
 * message went, 1 if the budget ran out first (it goes in a later
 * batch, without the records removed now), or an error.
 */
static int
message_going(struct db *db, int64_t id, int64_t *budget,
    int64_t n[PURGE_NKINDS])
{
	int	rc;

	if ((rc = db_exec(db, SQL_DELIVERY_DELETE, "ii", id, *budget)) !=
	    DB_OK)
		return (rc);
	*budget -= db_changes(db);
	if (*budget <= 0)
		return (1);
	if ((rc = add_kinds(db, db_query(db, SQL_SPOOL_KINDS, "i", id), n)) !=
	    DB_OK ||
	    (rc = db_exec(db, SQL_MESSAGE_DELETE, "i", id)) != DB_OK)
		return (rc);
	(*budget)--;
	return (0);
}

/* messages_batch - one transaction: at most limit messages removed, and
 * their spool rows counted by kind into n; *more if there may be more */
static int
messages_batch(struct db *db, const struct purge_rules *r, int64_t limit,
    int64_t n[PURGE_NKINDS], int *more)
{
	int64_t		 ids[PURGE_IDS_MAX], got = 0, i;
	int64_t		 budget = limit * PURGE_ROWS_PER_MESSAGE;
	sqlite3_stmt	*st;
	int		 rc;

	if (limit > PURGE_IDS_MAX)
		limit = PURGE_IDS_MAX;
	if ((rc = db_begin(db)) != DB_OK)
		return (rc);
	if ((st = db_query(db, SQL_MESSAGES_GOING, "iiiii",
	    r->cutoff[PURGE_JUNK], r->cutoff[PURGE_FAILED],
	    r->cutoff[PURGE_POSTS], r->born_before, limit)) == NULL) {
		rc = DB_ERR;
		goto fail;
	}
	while (got < limit && (rc = db_step(db, st)) == DB_ROW)
		ids[got++] = sqlite3_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_OK && rc != DB_ROW)
		goto fail;
	*more |= got == limit;
	for (i = 0, rc = 0; i < got && rc == 0; i++)
		rc = message_going(db, ids[i], &budget, n);
	if (rc < 0)
		goto fail;
	*more |= rc;
	return (db_commit(db));
fail:
	db_rollback(db);
	return (rc);
}

/* purge_batch - see db_purge.h */
int
purge_batch(struct db *db, const struct purge_rules *r, int64_t limit,
    int64_t n[PURGE_NKINDS], int *more)
{
	int	rc;

	*more = 0;
	if ((rc = messages_batch(db, r, limit, n, more)) != DB_OK)
		return (rc);
	for (size_t i = 0; i < nitems(tables); i++) {
		enum purge_kind	k = tables[i].kind;

		if (r->cutoff[k] == INT64_MIN)
			continue;
		if ((rc = db_begin(db)) != DB_OK)
			return (rc);
		if ((rc = db_exec(db, tables[i].remove, "iii", r->cutoff[k],
		    r->now, limit)) != DB_OK) {
			db_rollback(db);
			return (rc);
		}
		n[k] += db_changes(db);
		*more |= db_changes(db) == limit;
		if ((rc = db_commit(db)) != DB_OK)
			return (rc);
	}
	return (DB_OK);
}

/* purge_count - see db_purge.h */
int
purge_count(struct db *db, const struct purge_rules *r,
    int64_t n[PURGE_NKINDS])
{
	int64_t	c;
	int	rc;

	if ((rc = add_kinds(db, db_query(db, SQL_SPOOL_KINDS_ALL, "iiiii",
	    r->cutoff[PURGE_JUNK], r->cutoff[PURGE_FAILED],
	    r->cutoff[PURGE_POSTS], r->born_before, (int64_t)-1), n)) !=
	    DB_OK)
		return (rc);
	for (size_t i = 0; i < nitems(tables); i++) {
		enum purge_kind	k = tables[i].kind;

		if (r->cutoff[k] == INT64_MIN)
			continue;
		if ((rc = db_one_int(db, &c, tables[i].count, "iii",
		    r->cutoff[k], r->now, (int64_t)-1)) != DB_OK)
			return (rc);
		n[k] += c;
	}
	return (DB_OK);
}
