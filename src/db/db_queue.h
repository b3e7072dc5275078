/*
 * db_queue.h - what waits to go out: posts being distributed and mail
 * moot writes itself, with when each is tried next
 *
 * Owns: the SQL that reads the queue across spool, delivery and outbox
 * (a post being distributed, its copies deferred so far; a notice
 * queued, its defers), and that makes everything in it due now, for
 * `moot queue` and `moot queue flush`.  No rules: mootd's dispatch and
 * fan-out decide what a try does.
 */
#ifndef DB_QUEUE_H
#define DB_QUEUE_H

#include <stdint.h>

struct db;

enum queue_kind {
	QUEUE_POST,		/* a post being distributed */
	QUEUE_NOTICE,		/* mail moot wrote (outbox) */
};

struct queue_row {
	enum queue_kind	 kind;
	int64_t		 id;		/* spool id or outbox id */
	const char	*list;		/* borrowed; "" when none */
	const char	*what;		/* the subject, or the notice's
					 * purpose; borrowed */
	const char	*rcpt;		/* a notice's recipient; NULL for a
					 * post */
	int64_t		 deferred;	/* a post's copies deferred so far */
	int64_t		 defers;	/* tries that were deferred */
	int64_t		 next_try;	/* 0: as soon as mootd runs */
	const char	*reason;	/* the last deferral's; may be NULL */
};

/* queue_each - cb for each post, then each notice, waiting, by next
 * try; non-zero from cb stops.  DB_* code. */
int	queue_each(struct db *, int (*cb)(const struct queue_row *, void *),
	    void *arg);

/* queue_flush - everything waiting is due at now; how many in *n */
int	queue_flush(struct db *, int64_t now, int64_t *n);

#endif /* DB_QUEUE_H */
