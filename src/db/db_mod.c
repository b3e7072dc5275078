/*
 * db_mod.c - moderation records; see db_mod.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "db/db.h"
#include "db/db_mod.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static const char SQL_ROTA[] =
    "SELECT addr FROM rota WHERE list_id = ?1 ORDER BY position";
static const char SQL_AWAY_ALL[] =
    "SELECT addr, from_at, to_at FROM away ORDER BY id";

/* rota_set_load - see db_mod.h */
int
rota_set_load(struct db *db, int64_t list_id, int turn_days,
    struct rota_set *rs)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0, acap = 0, na = 0;
	int		 rc;

	memset(rs, 0, sizeof(*rs));
	rs->r.turn_days = turn_days;
	if ((st = db_query(db, SQL_ROTA, "i", list_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (rs->r.n == cap) {
			cap = cap ? cap * 2 : 8;
			rs->addrs = xreallocarray(rs->addrs, cap,
			    sizeof(*rs->addrs));
		}
		rs->addrs[rs->r.n++] = xstrdup(db_col_text(st, 0));
	}
	if (rc != DB_OK)
		goto fail;
	if ((st = db_query(db, SQL_AWAY_ALL, "")) == NULL) {
		rc = DB_ERR;
		goto fail;
	}
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (na == acap) {
			acap = acap ? acap * 2 : 8;
			rs->away = xreallocarray(rs->away, acap,
			    sizeof(*rs->away));
			rs->awayaddrs = xreallocarray(rs->awayaddrs, acap,
			    sizeof(*rs->awayaddrs));
		}
		rs->awayaddrs[na] = xstrdup(db_col_text(st, 0));
		rs->away[na].addr = rs->awayaddrs[na];
		rs->away[na].from = (time_t)sqlite3_column_int64(st, 1);
		rs->away[na].to = (time_t)sqlite3_column_int64(st, 2);
		na++;
	}
	rs->r.addrs = (const char *const *)rs->addrs;
	rs->r.away = rs->away;
	rs->r.naway = na;
	if (rc != DB_OK)
		goto fail;
	return (DB_OK);
fail:
	rs->r.naway = na;
	rota_set_free(rs);
	return (rc);
}

void
rota_set_free(struct rota_set *rs)
{
	for (size_t i = 0; i < rs->r.n; i++)
		free(rs->addrs[i]);
	for (size_t i = 0; i < rs->r.naway; i++)
		free(rs->awayaddrs[i]);
	free(rs->addrs);
	free(rs->away);
	free(rs->awayaddrs);
	memset(rs, 0, sizeof(*rs));
}

static const char SQL_ROTA_CLEAR[] = "DELETE FROM rota WHERE list_id = ?1";
static const char SQL_ROTA_ADD[] =
    "INSERT INTO rota (list_id, position, addr) VALUES (?1, ?2, ?3)";

/* rota_replace - see db_mod.h; the caller holds the transaction */
int
rota_replace(struct db *db, int64_t list_id, char *const *addrs, size_t n)
{
	int	rc;

	if ((rc = db_exec(db, SQL_ROTA_CLEAR, "i", list_id)) != DB_OK)
		return (rc);
	for (size_t i = 0; i < n; i++)
		if ((rc = db_exec(db, SQL_ROTA_ADD, "iit", list_id,
		    (int64_t)i, addrs[i])) != DB_OK)
			return (rc);
	return (DB_OK);
}

static const char SQL_AWAY_ADD[] =
    "INSERT INTO away (addr, from_at, to_at) VALUES (?1, ?2, ?3)";
static const char SQL_AWAY_CLEAR[] = "DELETE FROM away WHERE addr = ?1";

int
away_add(struct db *db, const char *addr, int64_t from, int64_t to)
{
	return (db_exec(db, SQL_AWAY_ADD, "tii", addr, from, to));
}

int
away_clear(struct db *db, const char *addr)
{
	return (db_exec(db, SQL_AWAY_CLEAR, "t", addr));
}

static const char SQL_ASKED_ADD[] =
    "INSERT OR IGNORE INTO asked (spool_id, addr, level, at) "
    "VALUES (?1, ?2, ?3, ?4)";

int
asked_add(struct db *db, int64_t spool_id, const char *addr, int level,
    int64_t at)
{
	return (db_exec(db, SQL_ASKED_ADD, "itii", spool_id, addr,
	    (int64_t)level, at));
}

static const char SQL_ASKED_EACH[] =
    "SELECT addr, level FROM asked WHERE spool_id = ?1 ORDER BY at, addr";

int
asked_each(struct db *db, int64_t spool_id,
    int (*cb)(const char *, int, void *), void *arg)
{
	sqlite3_stmt	*st;
	char		**v = NULL;
	int		*lv = NULL;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	if ((st = db_query(db, SQL_ASKED_EACH, "i", spool_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
			lv = xreallocarray(lv, cap, sizeof(*lv));
		}
		v[n] = xstrdup(db_col_text(st, 0));
		lv[n++] = sqlite3_column_int(st, 1);
	}
	for (i = 0; rc == DB_OK && i < n; i++)
		if (cb(v[i], lv[i], arg) != 0)
			break;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(lv);
	return (rc);
}

static const char SQL_ASKED_NAMES[] =
    "SELECT addr, level FROM asked WHERE spool_id = ?1 ORDER BY at, addr";

int
asked_names(struct db *db, int64_t spool_id, struct vbuf *out)
{
	static const char *const levels[] = { "", " (next)", " (all)" };
	sqlite3_stmt	*st;
	int		 rc, n = 0, lv;

	if ((st = db_query(db, SQL_ASKED_NAMES, "i", spool_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		lv = sqlite3_column_int(st, 1);
		vbuf_printf(out, "%s%s%s", n++ ? ", " : "", db_col_text(st, 0),
		    levels[lv >= 0 && lv <= 2 ? lv : 0]);
	}
	return (rc);
}

static const char SQL_HELD_EACH[] =
    "SELECT s.id, s.list_id, min(a.at), s.escalated FROM spool s "
    "JOIN asked a ON a.spool_id = s.id WHERE s.state = 'held' "
    "AND s.list_id IS NOT NULL GROUP BY s.id ORDER BY s.id";

int
held_each(struct db *db, int (*cb)(int64_t, int64_t, int64_t, int, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	int64_t		 (*rows)[4] = NULL;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	/* Collected first: cb writes, and the query must not be open. */
	if ((st = db_query(db, SQL_HELD_EACH, "")) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		for (int k = 0; k < 4; k++)
			rows[n][k] = sqlite3_column_int64(st, k);
		n++;
	}
	for (i = 0; rc == DB_OK && i < n; i++)
		if (cb(rows[i][0], rows[i][1], rows[i][2], (int)rows[i][3],
		    arg) != 0)
			break;
	free(rows);
	return (rc);
}

static const char SQL_ASKED_ADDRS[] =
    "SELECT DISTINCT a.addr FROM asked a JOIN spool s ON s.id = a.spool_id "
    "WHERE s.state = 'held' AND s.list_id = ?1 ORDER BY a.addr";

int
asked_addrs(struct db *db, int64_t list_id, int (*cb)(const char *, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	char		**v = NULL;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	/* Collected first: cb queues notices while the query would be open. */
	if ((st = db_query(db, SQL_ASKED_ADDRS, "i", list_id)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xstrdup(db_col_text(st, 0));
	}
	for (i = 0; rc == DB_OK && i < n; i++)
		if (cb(v[i], arg) != 0)
			break;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return (rc);
}

static const char SQL_HELD_FOR[] =
    "SELECT s.id FROM spool s JOIN asked a ON a.spool_id = s.id "
    "WHERE s.state = 'held' AND s.list_id = ?1 AND a.addr = ?2 "
    "AND a.at < ?3 ORDER BY s.id";

int
held_for(struct db *db, int64_t list_id, const char *addr, int64_t before,
    int (*cb)(int64_t, void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_HELD_FOR, "iti", list_id, addr, before)) ==
	    NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(sqlite3_column_int64(st, 0), arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	return (rc);
}

static const char SQL_SPOOL_DECIDE[] =
    "UPDATE spool SET state = ?2, decided_by = ?3, decided_at = ?4, "
    "reason = ?5, unfinished = 0, updated_at = ?4 "
    "WHERE id = ?1 AND state = 'held'";

int
spool_decide(struct db *db, int64_t id, enum spool_state state,
    const char *by, int64_t at, const char *reason)
{
	int	rc;

	if ((rc = db_exec(db, SQL_SPOOL_DECIDE, "ittit", id,
	    spool_state_name(state), by, at,
	    reason)) != DB_OK)
		return (rc);
	return (db_changes(db) == 1 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_ESCALATED[] =
    "UPDATE spool SET escalated = ?2 WHERE id = ?1";

int
spool_escalated(struct db *db, int64_t id, int level)
{
	return (db_exec(db, SQL_ESCALATED, "ii", id, (int64_t)level));
}

static const char SQL_JOB_LAST[] =
    "SELECT last_at FROM job WHERE name = ?1 AND list_id = ?2";
static const char SQL_JOB_MARK[] =
    "INSERT OR REPLACE INTO job (name, list_id, last_at) VALUES (?1, ?2, ?3)";

int
job_last(struct db *db, const char *name, int64_t list_id, int64_t *last)
{
	int	rc = db_one_int(db, last, SQL_JOB_LAST, "ti", name, list_id);

	if (rc == DB_NOTFOUND) {
		*last = 0;
		return (DB_OK);
	}
	return (rc);
}

int
job_mark(struct db *db, const char *name, int64_t list_id, int64_t at)
{
	return (db_exec(db, SQL_JOB_MARK, "tii", name, list_id, at));
}

static const char SQL_AUDIT_EACH[] =
    "SELECT at, actor, action, coalesce(spool_id, 0), detail FROM audit "
    "WHERE list_id = ?1 ORDER BY id DESC LIMIT ?2";

int
audit_each(struct db *db, int64_t list_id, int64_t limit,
    int (*cb)(int64_t, const char *, const char *, int64_t, const char *,
    void *), void *arg)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_AUDIT_EACH, "ii", list_id, limit)) == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		if (cb(sqlite3_column_int64(st, 0), db_col_text(st, 1),
		    db_col_text(st, 2), sqlite3_column_int64(st, 3),
		    db_col_text(st, 4), arg) != 0) {
			db_reset(st);
			return (DB_OK);
		}
	return (rc);
}
