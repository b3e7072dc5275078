/*
 * db_ckpt.c - the WAL's checkpoints in a thread of their own; see
 * db_ckpt.h
 *
 * The writer's connection gets a WAL hook in place of SQLite's automatic
 * checkpoint.  A commit that takes the WAL past the mark asks the thread,
 * which with its own connection (one per thread, as everywhere) makes a
 * PASSIVE checkpoint: it copies the WAL's pages into the database and
 * syncs both, waiting for neither the writer nor any reader, and the
 * writer goes on committing meanwhile (SQLite's checkpoint and write
 * locks are distinct).
 *
 * SQLite starts the WAL again from its beginning only at a write
 * transaction that finds every page of it copied and the database
 * synced; with the writer busy, the thread always ends a few commits
 * behind.  So once the WAL passes DB_CKPT_RESTART pages, the first commit
 * after the thread is done copies those few itself, and syncs; the next
 * transaction starts the WAL over.  The writer waits for that once in
 * five thousand pages (some 4,000 copies of a fan-out), not for a whole
 * checkpoint every thousand, and the WAL stays under 20 MB or so.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_ckpt.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The writer's commits copy the rest and let the WAL start over past
 * this many pages; DB_CKPT_FAR stays above it (db.h). */
#define DB_CKPT_RESTART	(DB_CKPT_FAR / 2)

struct db_ckpt {
	struct db	*w;		/* the writer's; not owned */
	struct db	*own;		/* owned; used by the thread alone */
	pthread_t	 thread;
	pthread_mutex_t	 mu;		/* guards the next four */
	pthread_cond_t	 cv;
	int		 due;		/* a checkpoint is asked for */
	int		 stop;
	unsigned long	 asked, done;	/* checkpoints asked for, ended */
	/* The writer's alone (wal_hook()): */
	int		 seen;		/* the WAL's pages at the last commit */
	int		 ask_at;	/* ask the thread at this many */
	int		 here_at;	/* copy the rest here at this many */
};

/*
 * A checkpoint in progress holds this.  A fork() (mootd checks its
 * templates in a child) waits for it to end, so that no child starts
 * with SQLite's or syslog's locks held by a thread it does not have.
 */
static pthread_mutex_t	ckpt_busy = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t	ckpt_once = PTHREAD_ONCE_INIT;

static void
fork_prepare(void)
{
	(void)pthread_mutex_lock(&ckpt_busy);
}

static void
fork_parent(void)
{
	(void)pthread_mutex_unlock(&ckpt_busy);
}

/* fork_child - the child has no checkpointer: the lock is free again */
static void
fork_child(void)
{
	(void)pthread_mutex_init(&ckpt_busy, NULL);
}

static void
register_fork(void)
{
	(void)pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* ask - set the flag the thread waits on */
static void
ask(struct db_ckpt *ck)
{
	(void)pthread_mutex_lock(&ck->mu);
	ck->due = 1;
	ck->asked++;
	(void)pthread_cond_signal(&ck->cv);
	(void)pthread_mutex_unlock(&ck->mu);
}

/* thread_done - the thread has ended every checkpoint asked of it */
static int
thread_done(struct db_ckpt *ck)
{
	int	yes;

	(void)pthread_mutex_lock(&ck->mu);
	yes = ck->done == ck->asked;
	(void)pthread_mutex_unlock(&ck->mu);
	return (yes);
}

/* here - a PASSIVE checkpoint by the writer's own commit */
static void
here(sqlite3 *h, const char *name)
{
	(void)sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
}

/*
 * wal_hook - after each commit of the writer's; frames is the WAL's
 * length in pages, copied or not.  Far past the marks (the thread held
 * up by a slow disk, or a reader keeping the WAL from starting over),
 * every commit checkpoints, as SQLite's own hook would past its mark.
 */
static int
wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
	struct db_ckpt	*ck = arg;

	if (frames < ck->seen) {	/* the WAL started over */
		ck->ask_at = DB_CKPT_PAGES;
		ck->here_at = DB_CKPT_RESTART;
	}
	ck->seen = frames;
	if (frames >= DB_CKPT_FAR) {
		here(h, name);
		return (SQLITE_OK);
	}
	if (frames < ck->ask_at || !thread_done(ck))
		return (SQLITE_OK);	/* below the mark, or still copying */
	if (frames >= ck->here_at) {
		/* The pages committed while the thread copied. */
		here(h, name);
		ck->here_at = frames + DB_CKPT_PAGES;
		ck->ask_at = frames + DB_CKPT_PAGES;
	} else {
		ask(ck);
		ck->ask_at = frames + DB_CKPT_PAGES;
	}
	return (SQLITE_OK);
}

static void *
run(void *arg)
{
	struct db_ckpt	*ck = arg;
	unsigned long	 taken;
	int		 rc, pages, warned = 0;

	(void)pthread_mutex_lock(&ck->mu);
	while (!ck->stop) {
		if (!ck->due) {
			(void)pthread_cond_wait(&ck->cv, &ck->mu);
			continue;
		}
		ck->due = 0;
		taken = ck->asked;
		(void)pthread_mutex_unlock(&ck->mu);
		(void)pthread_mutex_lock(&ckpt_busy);
		rc = db_checkpoint(ck->own, &pages);
		(void)pthread_mutex_unlock(&ckpt_busy);
		/* DB_TEMP: another process's checkpoint was running; the
		 * writer's commits ask again.  Anything else is said once. */
		if (rc == DB_OK)
			log_debug("checkpoint: %d WAL pages in the database",
			    pages);
		else if (rc != DB_TEMP && !warned++)
			log_warnx("the WAL's checkpoints failed; mootd's "
			    "commits make them past %d pages", DB_CKPT_FAR);
		(void)pthread_mutex_lock(&ck->mu);
		ck->done = taken;
	}
	(void)pthread_mutex_unlock(&ck->mu);
	return (NULL);
}

/* db_ckpt_start - see db_ckpt.h */
struct db_ckpt *
db_ckpt_start(struct db *w, struct vbuf *err)
{
	struct db_ckpt	*ck;
	sigset_t	 all, old;
	int		 rc;

	(void)pthread_once(&ckpt_once, register_fork);
	ck = xcalloc(1, sizeof(*ck));
	ck->w = w;
	ck->ask_at = DB_CKPT_PAGES;
	ck->here_at = DB_CKPT_RESTART;
	if (db_open(&ck->own, db_path(w), 0, err) != DB_OK) {
		free(ck);
		return (NULL);
	}
	(void)pthread_mutex_init(&ck->mu, NULL);
	(void)pthread_cond_init(&ck->cv, NULL);
	/* Signals are the main thread's: its poll() must see them. */
	(void)sigfillset(&all);
	(void)pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&ck->thread, NULL, run, ck);
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		vbuf_printf(err, "cannot start the checkpoints' thread: %s",
		    strerror(rc));
		db_close(&ck->own);
		(void)pthread_cond_destroy(&ck->cv);
		(void)pthread_mutex_destroy(&ck->mu);
		free(ck);
		return (NULL);
	}
	/* In place of SQLite's automatic checkpoint, which is a WAL hook
	 * too: setting one replaces the other. */
	(void)sqlite3_wal_hook(db_handle(w), wal_hook, ck);
	return (ck);
}

/* db_ckpt_now - see db_ckpt.h */
void
db_ckpt_now(struct db_ckpt *ck)
{
	if (ck != NULL)
		ask(ck);
}

/* db_ckpt_stop - see db_ckpt.h */
void
db_ckpt_stop(struct db_ckpt **ckp)
{
	struct db_ckpt	*ck = *ckp;

	if (ck == NULL)
		return;
	(void)sqlite3_wal_autocheckpoint(db_handle(ck->w), DB_CKPT_PAGES);
	(void)pthread_mutex_lock(&ck->mu);
	ck->stop = 1;
	(void)pthread_cond_signal(&ck->cv);
	(void)pthread_mutex_unlock(&ck->mu);
	(void)pthread_join(ck->thread, NULL);
	db_close(&ck->own);
	(void)pthread_cond_destroy(&ck->cv);
	(void)pthread_mutex_destroy(&ck->mu);
	free(ck);
	*ckp = NULL;
}
