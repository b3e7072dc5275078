/*
 * db.h - the SQLite database: connections, statements, schema
 *
 * Owns: the connection (one per thread; never shared), its pragmas (WAL,
 * synchronous=FULL, foreign keys, busy timeout), the schema and its
 * migrations (PRAGMA user_version), and a per-connection cache of prepared
 * statements.  The SQL for each kind of record lives in db_<record>.c
 * beside this file; nothing else in moot writes SQL (style P12).
 *
 * Errors are logged once, here, with what was being done; callers get a
 * DB_* code and decide.  DB_TEMP means "try later" (busy, disk full, I/O
 * error, read-only): the milter answers 451, inject exits 75.
 */
#ifndef DB_H
#define DB_H

#include <stdint.h>

#include <sqlite3.h>

struct vbuf;

enum {
	DB_OK = 0,
	DB_ROW = 1,		/* db_step: a row is ready */
	DB_NOTFOUND = 2,	/* no such record */
	DB_CONFLICT = 3,	/* a uniqueness rule refused it */
	DB_TEMP = -1,		/* try again later */
	DB_ERR = -2,		/* a bug or a damaged database */
};

#define DB_CREATE	0x1	/* create the file if missing (moot init) */

struct db;

/* db_open - open path; *out is the caller's to db_close() */
int	db_open(struct db **out, const char *path, int flags,
	    struct vbuf *err);
void	db_close(struct db **);
/*
 * DB_CKPT_PAGES: WAL pages past which a commit asks for a checkpoint
 * (SQLite's default).  DB_CKPT_FAR: ten times that, past which a
 * connection that leaves its checkpoints to another (mootd's, see
 * db_ckpt.h) still makes one, so that the WAL stays bounded (40 MB) if
 * that one is not running or is held up.
 */
#define DB_CKPT_PAGES	1000
#define DB_CKPT_FAR	10000
/* db_defer_checkpoints - leave the WAL's checkpoints to mootd's
 * (db_ckpt.h) unless the WAL grows past DB_CKPT_FAR: for a connection
 * that someone waits on (moot inject, the milter, the unsubscribe page) */
void	db_defer_checkpoints(struct db *);
/* db_checkpoint - copy the WAL's committed pages into the database now
 * (SQLite's PASSIVE checkpoint: it waits for no reader nor writer), for
 * db_ckpt's thread; *in_db (if not NULL): the WAL's pages now in the
 * database, those copied by earlier checkpoints included; DB code */
int	db_checkpoint(struct db *, int *in_db);
sqlite3	*db_handle(struct db *);
const char *db_path(struct db *);	/* the file's, as opened */

/* db_migrate - bring the schema to the current version; DB_* code */
int	db_migrate(struct db *, struct vbuf *err);
int	db_schema_version(void);	/* the version this moot writes */
/* db_schema_step - the SQL that takes schema version v to v + 1
 * (db_schema.c); NULL past the last */
const char *db_schema_step(int v);

/*
 * db_synchronous - how the commits that follow are made durable: FULL
 * (the default) syncs each before it returns, so it survives a power
 * cut (threat A1); NORMAL leaves it to the next FULL commit or
 * checkpoint, and it survives a crash of the process, not of the
 * machine.  For commits whose loss in a power cut only repeats work.
 */
enum db_sync { DB_SYNC_FULL, DB_SYNC_NORMAL };
void	db_synchronous(struct db *, enum db_sync);

/* Transactions: writers start with BEGIN IMMEDIATE (style P10). */
int	db_begin(struct db *);
int	db_commit(struct db *);
void	db_rollback(struct db *);

/*
 * db_query - the cached statement for sql (a string constant: it is
 * cached by address), reset, with parameters bound from fmt:
 *   'i' int64_t, 't' const char * (NULL binds NULL), 'b' const void *
 *   and size_t, 'n' NULL.
 * NULL on failure (logged).  Step it with db_step(); it is reset at the
 * next db_query() for the same sql, or by db_reset().
 */
sqlite3_stmt *db_query(struct db *, const char *sql, const char *fmt, ...);

/*
 * db_stmt - the cached statement for sql (a string constant, as for
 * db_query()), reset and with no parameters bound, for SQL in db/ with
 * more parameters than a format says well (a multi-row INSERT): the
 * caller binds them with sqlite3_bind_*() and logs a failure with
 * db_fail().  NULL on failure (logged).
 */
sqlite3_stmt *db_stmt(struct db *, const char *sql);

/* db_fail - log a failed SQLite call on sql once; its DB_* code */
int	db_fail(struct db *, int sqlite_rc, const char *sql);

/* db_step - DB_ROW, DB_OK (no more rows), or DB_TEMP/DB_ERR (logged) */
int	db_step(struct db *, sqlite3_stmt *);
void	db_reset(sqlite3_stmt *);

/* db_exec - run sql with parameters to completion; DB_OK or an error */
int	db_exec(struct db *, const char *sql, const char *fmt, ...);

/* db_exec_row - as db_exec, for a query that may return one row */
int	db_one_int(struct db *, int64_t *out, const char *sql,
	    const char *fmt, ...);

/*
 * db_data_version - SQLite's PRAGMA data_version: it changes when
 * another connection (another process) commits, never for this
 * connection's own commits, so two equal values say that nobody else
 * wrote in between.
 */
int	db_data_version(struct db *, int64_t *out);

int64_t	db_last_id(struct db *);
int	db_changes(struct db *);

/* db_code - the DB_* code for an SQLite result code */
int	db_code(int sqlite_rc);

/* db_col_text - column i as a string, "" for NULL; borrowed from st */
const char *db_col_text(sqlite3_stmt *, int i);

/* db_col_dup - column i as a new string, or NULL for SQL NULL */
char	*db_col_dup(sqlite3_stmt *, int i);

/*
 * db_fetch - the first row of st (from db_query()), made into a record
 * by row(); *out is the caller's.  DB_OK, DB_NOTFOUND, or an error (also
 * when st is NULL because db_query() failed).
 */
int	db_fetch(struct db *, sqlite3_stmt *st, void *(*row)(sqlite3_stmt *),
	    void **out);

/* db_fetch_blob - the first column of the first row of st into out */
int	db_fetch_blob(struct db *, sqlite3_stmt *st, struct vbuf *out);

#endif /* DB_H */
