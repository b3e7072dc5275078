/*
 * db.c - connections, cached statements and transactions; see db.h
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DB_BUSY_MS	5000	/* wait this long for another writer */
#define DB_BUSY_STEP_US	100	/* at first, look again this often... */
#define DB_BUSY_FAST_MS	5	/* ...for this long, then each ms */
#define DB_CACHE_MAX	128	/* distinct statements per connection */
/*
 * SQLite's page cache, in KiB (negative: a size, not pages).  Its
 * default, 2000 KiB, fills up in mootd's fan-out to 100,000 members,
 * whose walk over the members reads each page once, and the kernel's
 * page cache holds the file anyway: with 512 KiB the daemon's peak fell
 * by 1.4 MB and the fan-out took no longer (bench/PROFILE-ingest.md).
 */
#define DB_CACHE_PRAGMA	"PRAGMA cache_size = -512"

/* FULL: a commit in WAL is on disk before it returns (threat A1); db_open
 * sets it and db_synchronous() sets it back. */
static const char *const sync_pragma[] = {
	[DB_SYNC_FULL] = "PRAGMA synchronous = FULL",
	[DB_SYNC_NORMAL] = "PRAGMA synchronous = NORMAL",
};

struct db_cached {
	const char	*sql;		/* the constant's address is the key */
	sqlite3_stmt	*st;		/* owned */
};

struct db {
	sqlite3		*h;		/* owned */
	char		*path;		/* owned */
	int		 in_txn;
	struct timespec	 busy_since;	/* db_busy(): when this wait began */
	size_t		 ncached;
	struct db_cached cache[DB_CACHE_MAX];
};

/* db_code - see db.h */
int
db_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
		return (DB_OK);
	case SQLITE_ROW:
		return (DB_ROW);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_NOMEM:
	case SQLITE_PROTOCOL:
		return (DB_TEMP);
	case SQLITE_CONSTRAINT:
		return (DB_CONFLICT);
	default:
		return (DB_ERR);
	}
}

/* sql_name - the start of a statement, to say in a log line what failed */
static void
sql_name(const char *sql, char *buf, size_t size)
{
	size_t	i, j = 0;
	int	space = 0;

	for (i = 0; sql[i] != '\0' && j + 4 < size; i++) {
		if (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t') {
			space = j > 0;
			continue;
		}
		if (space)
			buf[j++] = ' ';
		space = 0;
		buf[j++] = sql[i];
	}
	if (sql[i] != '\0') {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
}

/* db_log - log an SQLite failure once; returns its DB_* code */
static int
db_log(struct db *db, int rc, const char *sql)
{
	char	name[64];

	sql_name(sql, name, sizeof(name));
	if (db_code(rc) == DB_CONFLICT)
		log_debug("db: %s: %s", name, sqlite3_errmsg(db->h));
	else
		log_warnx("db: %s: %s (%s)", name, sqlite3_errmsg(db->h),
		    sqlite3_errstr(rc));
	return (db_code(rc));
}

/* db_pragma - run a pragma, ignoring a row it returns */
static int
db_pragma(struct db *db, const char *sql, struct vbuf *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL)) !=
	    SQLITE_OK) {
		vbuf_printf(err, "%s: %s: %s", db->path, sql,
		    sqlite3_errmsg(db->h));
		return (db_code(rc));
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		vbuf_printf(err, "%s: %s: %s", db->path, sql,
		    sqlite3_errmsg(db->h));
		return (db_code(rc));
	}
	return (DB_OK);
}

/* sql_now - moot_now() for SQL: clock_now(), so that the schema's
 * triggers (db_schema.c) see MOOT_NOW as the rest of moot does */
static void
sql_now(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(cx, (sqlite3_int64)clock_now());
}

/* ms_since - milliseconds from *t0 to now, on the monotonic clock */
static long
ms_since(const struct timespec *t0)
{
	struct timespec	now;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	return ((long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * db_busy - SQLite's busy handler: wait for another writer, looking
 * again every 100 us for the first 5 ms, then every ms, DB_BUSY_MS in
 * all by the clock; 0 gives up (SQLITE_BUSY).  n is how often it was
 * called before for this wait.
 *
 * sqlite3_busy_timeout() sleeps 1, 2, 5, 10 ms... between tries, but a
 * writer holds the lock about as long as one fdatasync of the WAL, well
 * under a millisecond here: beside a mootd committing as it delivers,
 * moot inject slept on four messages in ten, 1 to 5 ms each, for an
 * injection that takes 9 ms in all.  The clock, not the sum of the
 * sleeps asked for, bounds the wait: a loaded machine makes each short
 * sleep longer, and thousands of them would add up to far more.
 */
static int
db_busy(void *arg, int n)
{
	struct db	*db = arg;
	struct timespec	 ts;
	long		 ms;

	if (n == 0)
		(void)clock_gettime(CLOCK_MONOTONIC, &db->busy_since);
	if ((ms = ms_since(&db->busy_since)) >= DB_BUSY_MS)
		return (0);
	ts.tv_sec = 0;
	ts.tv_nsec = ms < DB_BUSY_FAST_MS ? DB_BUSY_STEP_US * 1000L :
	    1000000L;
	(void)nanosleep(&ts, NULL);
	return (1);
}

/* db_open - see db.h */
int
db_open(struct db **out, const char *path, int flags, struct vbuf *err)
{
	struct db	*db;
	struct stat	 st;
	int		 rc, oflags;

	*out = NULL;
	if (!(flags & DB_CREATE) && stat(path, &st) == -1) {
		vbuf_printf(err, "%s: %s%s", path, strerror(errno),
		    errno == ENOENT ? " (run moot init first)" : "");
		return (errno == ENOENT ? DB_NOTFOUND : DB_TEMP);
	}
	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	/* Each connection belongs to one thread: SQLite's mutexes are moot. */
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if ((rc = sqlite3_open_v2(path, &db->h, oflags, NULL)) != SQLITE_OK) {
		vbuf_printf(err, "%s: %s", path, db->h != NULL ?
		    sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(&db);
		return (db_code(rc) == DB_OK ? DB_ERR : db_code(rc));
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, db_busy, db);
	/*
	 * No checkpoint when a connection closes: each `moot inject` would
	 * otherwise pay for one.  Commits still checkpoint automatically
	 * once the WAL passes 1000 pages, so it stays bounded.
	 */
	(void)sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
	    NULL);
	/* FULL: a commit in WAL is on disk before we say 250 (threat A1). */
	if ((rc = db_pragma(db, "PRAGMA journal_mode = WAL", err)) != DB_OK ||
	    (rc = db_pragma(db, sync_pragma[DB_SYNC_FULL], err)) != DB_OK ||
	    (rc = db_pragma(db, "PRAGMA foreign_keys = ON", err)) != DB_OK ||
	    (rc = db_pragma(db, DB_CACHE_PRAGMA, err)) != DB_OK) {
		db_close(&db);
		return (rc);
	}
	if (sqlite3_create_function(db->h, "moot_now", 0, SQLITE_UTF8, NULL,
	    sql_now, NULL, NULL) != SQLITE_OK) {
		vbuf_printf(err, "%s: %s", path, sqlite3_errmsg(db->h));
		db_close(&db);
		return (DB_ERR);
	}
	*out = db;
	return (DB_OK);
}

/* db_close - finalize cached statements and close; NULL-safe */
void
db_close(struct db **dbp)
{
	struct db	*db = *dbp;

	if (db == NULL)
		return;
	for (size_t i = 0; i < db->ncached; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h != NULL && sqlite3_close(db->h) != SQLITE_OK)
		log_warnx("db: close %s: %s", db->path, sqlite3_errmsg(db->h));
	free(db->path);
	free(db);
	*dbp = NULL;
}

/*
 * db_defer_checkpoints - see db.h.  The commit that takes the WAL past
 * the threshold runs the checkpoint: it copies the WAL's pages into the
 * database and syncs it twice more.  With mootd committing three times
 * for each post it routes, moot inject drew that lot on about one post
 * in seventy in the benchmark, and the MTA waited some 4 ms longer for
 * those; mootd's thread does them (db_ckpt.h), and lets the WAL grow to
 * DB_CKPT_FAR / 2 pages during a fan-out, past SQLite's mark for most
 * of it.  No guarantee changes: a checkpoint only moves committed pages.
 */
void
db_defer_checkpoints(struct db *db)
{
	(void)sqlite3_wal_autocheckpoint(db->h, DB_CKPT_FAR);
}

/* db_checkpoint - see db.h */
int
db_checkpoint(struct db *db, int *in_db)
{
	int	log = 0, done = 0, rc;

	rc = db_code(sqlite3_wal_checkpoint_v2(db->h, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, &log, &done));
	if (in_db != NULL)
		*in_db = rc == DB_OK && done > 0 ? done : 0;
	return (rc);
}

sqlite3 *
db_handle(struct db *db)
{
	return (db->h);
}

const char *
db_path(struct db *db)
{
	return (db->path);
}

/* db_synchronous - see db.h; a pragma does no I/O, and cannot fail
 * but for a bug (logged by db_exec()) */
void
db_synchronous(struct db *db, enum db_sync mode)
{
	(void)db_exec(db, sync_pragma[mode], "");
}

/* db_begin - BEGIN IMMEDIATE: take the write lock now, within the timeout */
int
db_begin(struct db *db)
{
	int	rc;

	if (db->in_txn)
		log_panic("db: nested transaction");
	/* The tests' stand-in for another writer that holds the lock for
	 * longer than the busy timeout. */
	if (killpoint_fail("db-begin"))
		return (DB_TEMP);
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", "")) == DB_OK)
		db->in_txn = 1;
	return (rc);
}

/* db_commit - COMMIT; on failure the transaction is rolled back */
int
db_commit(struct db *db)
{
	int	rc;

	if ((rc = db_exec(db, "COMMIT", "")) != DB_OK) {
		db_rollback(db);
		return (rc);
	}
	db->in_txn = 0;
	return (DB_OK);
}

/* db_rollback - abandon the transaction, if one is open */
void
db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h) == 0)
		(void)sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_txn = 0;
}

/* db_prepare - the cached statement for sql, reset and unbound */
static sqlite3_stmt *
db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < db->ncached; i++)
		if (db->cache[i].sql == sql) {
			st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return (st);
		}
	if ((rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL)) !=
	    SQLITE_OK) {
		db_log(db, rc, sql);
		return (NULL);
	}
	if (db->ncached == DB_CACHE_MAX)
		log_panic("db: more than %d distinct statements",
		    DB_CACHE_MAX);
	db->cache[db->ncached].sql = sql;
	db->cache[db->ncached].st = st;
	db->ncached++;
	return (st);
}

/* db_stmt - see db.h */
sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
	return (db_prepare(db, sql));
}

/* db_fail - see db.h */
int
db_fail(struct db *db, int rc, const char *sql)
{
	return (db_log(db, rc, sql));
}

/* db_vbind - bind parameters 1..n from fmt; see db_query() */
static int
db_vbind(struct db *db, sqlite3_stmt *st, const char *sql, const char *fmt,
    va_list ap)
{
	int	i, rc = SQLITE_OK;

	for (i = 1; *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 't': {
			const char *s = va_arg(ap, const char *);

			rc = s == NULL ? sqlite3_bind_null(st, i) :
			    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'b': {
			const void	*p = va_arg(ap, const void *);
			size_t		 n = va_arg(ap, size_t);

			rc = sqlite3_bind_blob64(st, i, n ? p : "", n,
			    SQLITE_STATIC);
			break;
		}
		case 'n':
			rc = sqlite3_bind_null(st, i);
			break;
		default:
			log_panic("db: bad bind format '%c'", *fmt);
		}
	}
	if (rc != SQLITE_OK)
		return (db_log(db, rc, sql));
	/* A format that does not match the SQL is a bug, not an input. */
	if (i - 1 != sqlite3_bind_parameter_count(st))
		log_panic("db: %d parameters bound, %d wanted: %s", i - 1,
		    sqlite3_bind_parameter_count(st), sql);
	return (DB_OK);
}

/* db_vquery - db_query() with a va_list */
static sqlite3_stmt *
db_vquery(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(db, sql)) == NULL)
		return (NULL);
	return (db_vbind(db, st, sql, fmt, ap) == DB_OK ? st : NULL);
}

/* db_query - see db.h */
sqlite3_stmt *
db_query(struct db *db, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = db_vquery(db, sql, fmt, ap);
	va_end(ap);
	return (st);
}

/* db_step - see db.h */
int
db_step(struct db *db, sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return (DB_ROW);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return (DB_OK);
	}
	rc = db_log(db, rc, sqlite3_sql(st));
	sqlite3_reset(st);
	return (rc);
}

void
db_reset(sqlite3_stmt *st)
{
	if (st != NULL)
		sqlite3_reset(st);
}

/* db_exec - see db.h */
int
db_exec(struct db *db, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = db_vquery(db, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return (DB_ERR);
	while ((rc = db_step(db, st)) == DB_ROW)
		;
	return (rc);
}

/* db_one_int - the first column of the first row; DB_NOTFOUND if none */
int
db_one_int(struct db *db, int64_t *out, const char *sql, const char *fmt,
    ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = db_vquery(db, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) == DB_ROW) {
		*out = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return (DB_OK);
	}
	return (rc == DB_OK ? DB_NOTFOUND : rc);
}

/* db_data_version - see db.h */
int
db_data_version(struct db *db, int64_t *out)
{
	return (db_one_int(db, out, "PRAGMA data_version", ""));
}

int64_t
db_last_id(struct db *db)
{
	return (sqlite3_last_insert_rowid(db->h));
}

int
db_changes(struct db *db)
{
	return (sqlite3_changes(db->h));
}

/* db_col_dup - see db.h */
char *
db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return (s != NULL ? xstrdup((const char *)s) : NULL);
}

/* db_fetch - see db.h */
int
db_fetch(struct db *db, sqlite3_stmt *st, void *(*row)(sqlite3_stmt *),
    void **out)
{
	int	rc;

	*out = NULL;
	if (st == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) != DB_ROW)
		return (rc == DB_OK ? DB_NOTFOUND : rc);
	*out = row(st);
	db_reset(st);
	return (DB_OK);
}

/* db_fetch_blob - see db.h */
int
db_fetch_blob(struct db *db, sqlite3_stmt *st, struct vbuf *out)
{
	int	rc;

	vbuf_reset(out);
	if (st == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) != DB_ROW)
		return (rc == DB_OK ? DB_NOTFOUND : rc);
	rc = vbuf_cat(out, sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0));
	db_reset(st);
	return (rc == 0 ? DB_OK : DB_ERR);
}

/* db_col_text - column i as text; "" for NULL */
const char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return (s != NULL ? (const char *)s : "");
}
