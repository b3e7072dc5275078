/*
 * db_spool.h - the spool: messages as received, and what moot does with
 * each of them for each local recipient
 *
 * Owns: the SQL for the message and spool tables.  spool_store()
 * is the one way mail enters moot (moot inject, moot-milter): the message
 * and one spool row per local recipient, in one transaction, so nothing
 * is ever half-stored (threat A1, A2).
 */
#ifndef DB_SPOOL_H
#define DB_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "global/listaddr.h"

struct db;
struct vbuf;

/*
 * The life of a spooled message (design.md): spooled -> held ->
 * approved | rejected | discarded -> distributing -> sent, with failed
 * (and its reason) for what cannot be handled, and done for mail that
 * was answered rather than distributed (commands, replies).  The words
 * are what the database stores and `moot spool` shows.
 */
enum spool_state {
	SPOOL_SPOOLED,
	SPOOL_HELD,
	SPOOL_APPROVED,
	SPOOL_REJECTED,
	SPOOL_DISCARDED,
	SPOOL_DISTRIBUTING,
	SPOOL_SENT,
	SPOOL_FAILED,
	SPOOL_DONE,
	SPOOL_NSTATES,
	SPOOL_ANY = SPOOL_NSTATES	/* spool_each(): every state */
};

/* spool_state_name - the state's word */
const char *spool_state_name(enum spool_state);

/* spool_state_parse - the state a word names; -1 if none */
int	spool_state_parse(const char *, enum spool_state *);

struct spool_rcpt {
	const char	*rcpt;		/* the envelope recipient, canonical */
	const char	*list_name;
	int64_t		 list_id;	/* 0 if unknown at store time */
	enum listaddr_kind kind;
	const char	*token;		/* NULL when none */
};

struct spool_in {
	const char	*via;		/* "inject" or "milter" */
	const char	*queue_id;	/* the MTA's, or one moot made up */
	const char	*env_from;	/* NULL: not given; "": <> */
	const char	*client_addr, *client_name, *auth_user;
	const char	*auth_results;
	const char	*raw;		/* the message, byte for byte */
	size_t		 len;
	const struct spool_rcpt *rcpts;
	size_t		 nrcpts;
	int64_t		 received_at;
};

/*
 * spool_store - store in one transaction; sets *message_id.  DB_* code.
 * A recipient that names the same list address as an earlier one
 * (spool_rcpt_repeated()) gets no row of its own.
 */
int	spool_store(struct db *, const struct spool_in *, int64_t *message_id);

/* spool_rcpt_repeated - 1 if in->rcpts[i] names the same list, kind and
 * token as an earlier recipient of in, which spool_store() stores once */
int	spool_rcpt_repeated(const struct spool_in *, size_t i);

struct spool_item {
	int64_t	 id;
	int64_t	 message_id;
	int64_t	 list_id;		/* 0: the list is gone */
	char	*rcpt;			/* owned */
	char	*list_name;		/* owned */
	enum listaddr_kind kind;		/* AK_COUNT: a word this
						 * version does not know */
	char	*token;			/* owned; NULL when none */
	enum spool_state state;
	char	*reason;		/* owned; NULL when none */
	int64_t	 unfinished;		/* attempts that did not finish */
	int64_t	 defers;		/* delivery deferrals so far */
	int64_t	 first_defer_at;	/* 0: never deferred */
	int64_t	 next_try;
	char	*msgid, *from_addr, *subject;	/* owned; NULL until parsed */
	char	*decided_by;		/* owned; NULL until decided */
	int64_t	 decided_at;
	int64_t	 created_at, updated_at;
	/* from the message row */
	char	*queue_id;		/* owned */
	char	*env_from;		/* owned; NULL: not given */
	int64_t	 size;
	int64_t	 received_at;
	char	*via;			/* owned; "inject" or "milter" */
	char	*client_addr;		/* owned; NULL: not over SMTP */
	char	*client_name;		/* owned; NULL or "": unknown */
	char	*auth_results;		/* owned; NULL: none stored */
};

int	spool_load(struct db *, int64_t id, struct spool_item **);
void	spool_item_free(struct spool_item **);

/* spool_next - the oldest row in state that is due at now; DB_NOTFOUND */
int	spool_next(struct db *, enum spool_state, int64_t now,
	    int64_t after_id, struct spool_item **);

/* spool_raw - the message's bytes into out (replacing its contents) */
int	spool_raw(struct db *, int64_t message_id, struct vbuf *out);

/* spool_begin_attempt - count an attempt before work starts (A6) */
int	spool_begin_attempt(struct db *, int64_t id);

/* spool_end_attempt - uncount it: the attempt ended without a crash
 * and left the row spooled (database trouble); no-op in other states */
int	spool_end_attempt(struct db *, int64_t id);

/* spool_set_state - new state and reason; the attempt has finished */
int	spool_set_state(struct db *, int64_t id, enum spool_state,
	    const char *reason);

/* spool_retry - back to state (spooled or distributing), due now */
int	spool_retry(struct db *, int64_t id, enum spool_state);

/* spool_set_headers - what parsing found, for listings and dedupe */
int	spool_set_headers(struct db *, int64_t id, const char *msgid,
	    const char *from_addr, const char *subject);

/* spool_defer - delivery must be tried again at next_try */
int	spool_defer(struct db *, int64_t id, int64_t now, int64_t next_try,
	    const char *reason);

/*
 * spool_find_duplicate - a row for the same list, body digest and
 * Message-ID as row id (without one: the same sender and subject),
 * created since since; its id in *dup, or DB_NOTFOUND
 */
int	spool_find_duplicate(struct db *, const struct spool_item *,
	    int64_t since, int64_t *dup);

/* spool_each - rows, newest first, in one state (or SPOOL_ANY) and
 * optionally one list */
int	spool_each(struct db *, enum spool_state, const char *list,
	    int64_t limit, int (*cb)(const struct spool_item *, void *),
	    void *);

/* spool_due - how many rows (spool and outbox) are due for work at now */
int	spool_due(struct db *, int64_t now, int64_t *n);

/* spool_decide - held -> state, with who and when; DB_NOTFOUND if the
 * post is no longer held (someone decided first: threat B4) */
int	spool_decide(struct db *, int64_t id, enum spool_state,
	    const char *by, int64_t at, const char *reason);

/* spool_escalated - how far asking about a held post has gone (0-2) */
int	spool_escalated(struct db *, int64_t id, int level);

#endif /* DB_SPOOL_H */
