/*
 * db_rota.c - the rota and the away periods; see db_rota.h
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "db/db.h"
#include "db/db_rota.h"
#include "util/sys_defs.h"

static const char SQL_ROTA[] =
    "SELECT addr FROM rota WHERE list_id = ?1 ORDER BY position";
static const char SQL_AWAY_ALL[] =
    "SELECT addr, from_at, to_at FROM away ORDER BY id";

/* rota_set_load - see db_rota.h */
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

/* rota_set_free - see db_rota.h */
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

/* rota_replace - see db_rota.h; the caller holds the transaction */
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

/* rota_away_add - see db_rota.h */
int
rota_away_add(struct db *db, const char *addr, int64_t from, int64_t to)
{
	return (db_exec(db, SQL_AWAY_ADD, "tii", addr, from, to));
}

/* rota_away_clear - see db_rota.h */
int
rota_away_clear(struct db *db, const char *addr)
{
	return (db_exec(db, SQL_AWAY_CLEAR, "t", addr));
}
