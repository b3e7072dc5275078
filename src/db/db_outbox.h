/*
 * db_outbox.h - the outbox: mail moot writes itself (notices, answers,
 * forwards to owners), queued until mootd sends it
 *
 * Owns: the SQL for the outbox table, and the counts of what was sent
 * to whom that the rate limits read (threat D3, B7).
 */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

struct addr_mailbox;
struct db;
struct vbuf;

/* How an item leaves the queue. */
enum outbox_end {
	OUTBOX_SENT,
	OUTBOX_FAILED,
};

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
/* outbox_finish - sent or failed for good, and its text emptied */
int	outbox_finish(struct db *, int64_t id, enum outbox_end,
	    const char *reason);
int	outbox_defer(struct db *, int64_t id, int64_t now, int64_t next_try,
	    const char *reason);
/* outbox_count_since - notices to mailbox mb (any of its sub-addresses)
 * since then, of the purposes in the comma-separated list (rate limits:
 * threat D3, B7) */
int	outbox_count_since(struct db *, const char *purposes,
	    const struct addr_mailbox *mb, int64_t since, int64_t *n);
/* outbox_count_domain - the same, to any address at mb's domain */
int	outbox_count_domain(struct db *, const char *purposes,
	    const struct addr_mailbox *mb, int64_t since, int64_t *n);
/* outbox_told - notices of purpose about list_id rcpt was sent since */
int	outbox_told(struct db *, int64_t list_id, const char *rcpt,
	    int64_t since, const char *purpose, int64_t *n);
/* outbox_told_about - the same about spool_id (a held post), any list */
int	outbox_told_about(struct db *, int64_t spool_id, const char *rcpt,
	    int64_t since, const char *purpose, int64_t *n);
void	outbox_item_free(struct outbox_item **);

#endif /* DB_OUTBOX_H */
