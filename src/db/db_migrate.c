/*
 * db_migrate.c - bringing a database to the schema this moot writes;
 * see db.h.  The migrations themselves are db_schema.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "global/token.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* sql_token_hash - moot_token_hash(TEXT) for SQL: token_hash(), or NULL
 * for NULL or for what is not a token */
static void
sql_token_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char	*tok;
	char			 hash[TOKEN_HASH_CHARS + 1];

	if (argc != 1 || (tok = sqlite3_value_text(argv[0])) == NULL ||
	    token_hash((const char *)tok, hash) == -1) {
		sqlite3_result_null(cx);
		return;
	}
	sqlite3_result_text(cx, hash, -1, SQLITE_TRANSIENT);
}

/* db_migrate - see db.h */
int
db_migrate(struct db *db, struct vbuf *err)
{
	sqlite3		*h = db_handle(db);
	int64_t		 v;
	char		*msg = NULL, pragma[64];
	int		 rc;

	if ((rc = db_one_int(db, &v, "PRAGMA user_version", "")) != DB_OK) {
		vbuf_printf(err, "cannot read the schema version: %s",
		    sqlite3_errmsg(h));
		return (rc);
	}
	if (sqlite3_create_function(h, "moot_token_hash", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_token_hash, NULL, NULL) !=
	    SQLITE_OK) {
		vbuf_printf(err, "cannot prepare the migrations: %s",
		    sqlite3_errmsg(h));
		return (DB_ERR);
	}
	if (v > (int64_t)db_schema_version()) {
		vbuf_printf(err, "the database has schema version %lld, newer "
		    "than this moot's %d: upgrade moot", (long long)v,
		    db_schema_version());
		return (DB_ERR);
	}
	while (v < (int64_t)db_schema_version()) {
		if ((rc = db_begin(db)) != DB_OK) {
			vbuf_printf(err, "cannot lock the database: %s",
			    sqlite3_errmsg(h));
			return (rc);
		}
		/* Another process may have migrated while we waited. */
		if ((rc = db_one_int(db, &v, "PRAGMA user_version", "")) !=
		    DB_OK)
			goto fail;
		if (v >= (int64_t)db_schema_version()) {
			db_rollback(db);
			break;
		}
		(void)snprintf(pragma, sizeof(pragma),
		    "PRAGMA user_version = %lld", (long long)v + 1);
		/* Fixed text from this file: sqlite3_exec is fine here. */
		if ((rc = sqlite3_exec(h, db_schema_step((int)v), NULL, NULL,
		    &msg)) != SQLITE_OK ||
		    (rc = sqlite3_exec(h, pragma, NULL, NULL, &msg)) !=
		    SQLITE_OK) {
			vbuf_printf(err, "migration to schema version %lld "
			    "failed: %s", (long long)v + 1,
			    msg != NULL ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			db_rollback(db);
			return (db_code(rc) == DB_OK ? DB_ERR : db_code(rc));
		}
		if ((rc = db_commit(db)) != DB_OK)
			goto fail;
		log_info("db: schema migrated to version %lld",
		    (long long)v + 1);
		v++;
	}
	return (DB_OK);
fail:
	vbuf_printf(err, "migration failed: %s", sqlite3_errmsg(h));
	db_rollback(db);
	return (rc);
}
