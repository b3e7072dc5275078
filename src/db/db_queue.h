/*
 * db_queue.h - outbound mail: per-recipient delivery records of a post,
 * and the outbox of mail moot writes itself
 *
 * Owns: the SQL for the delivery and outbox tables.  A delivery record is
 * written for each recipient after each SMTP transaction (threat A4), so a
 * crash and restart resends only to recipients with no final record.
 */
#ifndef DB_QUEUE_H
#define DB_QUEUE_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct vbuf;

enum audience {
	AUDIENCE_MEMBERS,	/* a post: members who get mail */
	AUDIENCE_OWNERS,	/* mail to L-owner: the owners */
};

/*
 * delivery_batch - up to limit members of list_id who should get post
 * spool_id and have no final record ("sent" or "failed") for it, with
 * member id > *cursor, in id order; cb(addr, leave token or "") for
 * each; *cursor advances.  Members in "mail" mode (and "digest" until
 * digests exist).  Returns DB_OK, DB_NOTFOUND when none.
 */
int	delivery_batch(struct db *, int64_t spool_id, int64_t list_id,
	    enum audience, int64_t *cursor, int64_t limit,
	    void (*cb)(const char *addr, const char *token, void *), void *);

/* delivery_record - the outcome for one recipient ("sent", "failed",
 * "deferred"), replacing any earlier one */
int	delivery_record(struct db *, int64_t spool_id, const char *addr,
	    const char *status, int code, const char *reply);

/* delivery_pending - members who should get it and have no final record */
int	delivery_pending(struct db *, int64_t spool_id, int64_t list_id,
	    enum audience, int64_t *n);

/* delivery_count - records of spool_id with status */
int	delivery_count(struct db *, int64_t spool_id, const char *status,
	    int64_t *n);

struct outbox_item {
	int64_t	 id;
	int64_t	 spool_id;		/* 0 when about no spooled mail */
	int64_t	 list_id;
	char	*purpose;		/* owned */
	char	*env_from;		/* owned */
	char	*rcpt;			/* owned */
	int64_t	 defers, first_defer_at;
	int64_t	 created_at;
};

int	outbox_add(struct db *, int64_t spool_id, int64_t list_id,
	    const char *purpose, const char *env_from, const char *rcpt,
	    const char *raw, size_t len);
/* outbox_next - the oldest queued item due at now with id > after */
int	outbox_next(struct db *, int64_t now, int64_t after,
	    struct outbox_item **);
int	outbox_raw(struct db *, int64_t id, struct vbuf *out);
int	outbox_finish(struct db *, int64_t id, const char *state,
	    const char *reason);
int	outbox_defer(struct db *, int64_t id, int64_t now, int64_t next_try,
	    const char *reason);
/* outbox_count_since - notices to rcpt since then, of the purposes in
 * the comma-separated list (rate limits: threat D3, B7) */
int	outbox_count_since(struct db *, const char *purposes, const char *rcpt,
	    int64_t since, int64_t *n);
/* outbox_told - notices of purpose about list_id rcpt was sent since */
int	outbox_told(struct db *, int64_t list_id, const char *rcpt,
	    int64_t since, const char *purpose, int64_t *n);
void	outbox_item_free(struct outbox_item **);

#endif /* DB_QUEUE_H */
