/*
 * db_token.c - stored tokens; see db_token.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_token.h"
#include "mail/addr.h"
#include "global/token.h"
#include "util/sys_defs.h"

/* The token is kept as its hash (token_hash()): see token.h. */
static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO token (hash, purpose, list_id, object_id, addr, nonce, "
    "expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int
token_issue(struct db *db, const char *purpose, int64_t list_id,
    int64_t object_id, const char *addr, int64_t ttl,
    char out[TOKEN_CHARS + 1])
{
	struct token_mac	c;
	int64_t			now = clock_now();
	char			hash[TOKEN_HASH_CHARS + 1];

	memset(&c, 0, sizeof(c));
	c.purpose = purpose;
	c.list_id = list_id;
	c.object_id = object_id;
	c.addr = addr;
	c.expires_at = now + ttl;
	if (token_new_nonce(&c) == -1 || token_make(&c, out) == -1 ||
	    token_hash(out, hash) == -1)
		return (DB_ERR);
	return (db_exec(db, SQL_TOKEN_INSERT, "ttiitbii", hash, purpose,
	    list_id, object_id, addr, (const void *)c.nonce, sizeof(c.nonce),
	    c.expires_at, now));
}

static void *
token_row(sqlite3_stmt *st)
{
	struct token_row	*t = xcalloc(1, sizeof(*t));
	const void		*n = sqlite3_column_blob(st, 6);

	t->id = sqlite3_column_int64(st, 0);
	t->purpose = xstrdup(db_col_text(st, 2));
	t->list_id = sqlite3_column_int64(st, 3);
	t->object_id = sqlite3_column_int64(st, 4);
	t->addr = xstrdup(db_col_text(st, 5));
	if (n != NULL && sqlite3_column_bytes(st, 6) == TOKEN_NONCE)
		memcpy(t->nonce, n, TOKEN_NONCE);
	t->expires_at = sqlite3_column_int64(st, 7);
	t->used_at = sqlite3_column_int64(st, 8);
	return (t);
}

static const char SQL_TOKEN_FIND[] =
    "SELECT id, hash, purpose, list_id, object_id, addr, nonce, "
    "expires_at, coalesce(used_at, 0) FROM token WHERE hash = ?1";

/* token_find - the row of tok (any case), its MAC checked again: DB_OK,
 * or DB_NOTFOUND for no such token or a MAC that does not match */
static int
token_find(struct db *db, const char *tok, struct token_row **out)
{
	struct token_mac	 c;
	struct token_row	*t;
	char			 norm[TOKEN_CHARS + 1];
	char			 hash[TOKEN_HASH_CHARS + 1];
	void			*p;
	int			 rc;

	*out = NULL;
	if (token_normal(tok, norm) == -1 || token_hash(norm, hash) == -1)
		return (DB_NOTFOUND);
	if ((rc = db_fetch(db, db_query(db, SQL_TOKEN_FIND, "t", hash),
	    token_row, &p)) != DB_OK)
		return (rc);
	t = p;
	memcpy(t->token, norm, sizeof(t->token));
	/* The row is only as good as its MAC: check it again. */
	memset(&c, 0, sizeof(c));
	c.purpose = t->purpose;
	c.list_id = t->list_id;
	c.object_id = t->object_id;
	c.addr = t->addr;
	memcpy(c.nonce, t->nonce, sizeof(c.nonce));
	c.expires_at = t->expires_at;
	if (token_verify(&c, norm) == -1) {
		token_row_free(&t);
		return (DB_NOTFOUND);
	}
	*out = t;
	return (DB_OK);
}

/*
 * Purposes whose tokens work once.  A purpose not here stays usable
 * until its object closes (ballots and meeting answers, when they come).
 */
static const char *const single_use[] = { "confirm", "moderate", "join",
    "leave", "review" };

/* is_single_use - tokens of purpose work once */
static int
is_single_use(const char *purpose)
{
	for (size_t i = 0; i < nitems(single_use); i++)
		if (strcmp(single_use[i], purpose) == 0)
			return (1);
	return (0);
}

/* token_claim - see db_token.h */
enum claim
token_claim(struct db *db, const char *tok, const char *const *purposes,
    int64_t list_id, int64_t now, struct token_row **out)
{
	struct token_row	*t;
	size_t			 i;
	int			 rc;

	if ((rc = token_find(db, tok, out)) != DB_OK)
		return (rc == DB_NOTFOUND ? CLAIM_UNKNOWN : CLAIM_ERROR);
	t = *out;
	for (i = 0; purposes[i] != NULL; i++)
		if (strcmp(purposes[i], t->purpose) == 0)
			break;
	if (purposes[i] == NULL)
		return (CLAIM_PURPOSE);
	if (t->list_id != list_id)
		return (CLAIM_LIST);
	if (t->expires_at <= now)
		return (CLAIM_EXPIRED);
	if (t->used_at != 0 && is_single_use(t->purpose))
		return (CLAIM_USED);
	return (CLAIM_OK);
}

/* token_claim_why - see db_token.h */
const char *
token_claim_why(enum claim c)
{
	static const char *const why[] = {
		[CLAIM_OK] = "a good token",
		[CLAIM_UNKNOWN] = "an unknown or forged token",
		[CLAIM_PURPOSE] = "a token made for something else",
		[CLAIM_LIST] = "a token of another list",
		[CLAIM_EXPIRED] = "an expired token",
		[CLAIM_USED] = "a token used before (a replay)",
		[CLAIM_ERROR] = "database trouble",
	};

	return ((unsigned)c < nitems(why) ? why[c] : "?");
}

static const char SQL_TOKEN_USE[] =
    "UPDATE token SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL";

int
token_use(struct db *db, int64_t id, int64_t now)
{
	int	rc;

	if ((rc = db_exec(db, SQL_TOKEN_USE, "ii", id, now)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}

void
token_row_free(struct token_row **tp)
{
	struct token_row	*t = *tp;

	if (t == NULL)
		return;
	free(t->purpose);
	free(t->addr);
	free(t);
	*tp = NULL;
}

static const char SQL_TOKEN_HELD_EXPIRING[] =
    "SELECT t.object_id, max(t.expires_at) FROM token t "
    "JOIN spool s ON s.id = t.object_id "
    "WHERE t.purpose = 'moderate' AND t.used_at IS NULL "
    "AND s.state = 'held' GROUP BY t.object_id "
    "HAVING max(t.expires_at) < ?1 ORDER BY t.object_id";

/* token_held_expiring - see db_token.h */
int
token_held_expiring(struct db *db, int64_t before,
    void (*cb)(int64_t, int64_t, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_TOKEN_HELD_EXPIRING, "i", before)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		cb(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		    arg);
	return (rc);
}

/* token_sent_to - see db_token.h */
int
token_sent_to(const struct token_row *t, const char *from)
{
	char	*a, *b;
	int	 same;

	if (from == NULL || t->addr == NULL)
		return (0);
	a = addr_canon_new(from);
	b = addr_canon_new(t->addr);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return (same);
}
