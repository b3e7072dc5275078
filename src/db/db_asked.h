/*
 * db_asked.h - who was asked about a held post, and when
 *
 * Owns: the SQL of the asked table, and the questions that join it with
 * the spool: which held posts wait for someone's answer, and for whose.
 * A row says that addr was asked (with a token of their own) about a
 * held post, on duty (level 0), as the next on the rota (1) or with
 * everyone (2).  Listings that call back collect their rows first, so
 * the callback may write.
 */
#ifndef DB_ASKED_H
#define DB_ASKED_H

#include <stdint.h>

struct db;
struct vbuf;

/* asked_add - addr was asked about spool_id at level (0, 1, 2) */
int	asked_add(struct db *, int64_t spool_id, const char *addr, int level,
	    int64_t at);

/* asked_each - everyone asked about spool_id, first asked first */
int	asked_each(struct db *, int64_t spool_id,
	    int (*cb)(const char *addr, int level, void *), void *);

/* asked_names - "a, b (next), c (all)" for listings */
int	asked_names(struct db *, int64_t spool_id, struct vbuf *out);

/* A held post, and whether anyone was asked about it. */
struct asked_post {
	int64_t	 spool_id;
	int64_t	 list_id;
	int64_t	 since;		/* when the first moderator was asked, or,
				 * if nobody was, when it was held */
	int	 level;		/* how far asking has gone (spool.escalated) */
	int	 nobody;	/* nobody has been asked yet */
};

/* asked_waiting - every held post, by id: those nobody was asked about
 * (asking failed, or the list had nobody to ask) too */
int	asked_waiting(struct db *,
	    int (*cb)(const struct asked_post *, void *), void *);

/* asked_addrs - everyone asked about a post of list_id still held */
int	asked_addrs(struct db *, int64_t list_id,
	    int (*cb)(const char *addr, void *), void *);

/* asked_waiting_for - the held posts of list_id that addr was asked
 * about before before, by id */
int	asked_waiting_for(struct db *, int64_t list_id, const char *addr,
	    int64_t before, int (*cb)(int64_t spool_id, void *), void *);

/* asked_overdue - every held post that came at least its list's
 * hold_days before now, by id (collected first) */
int	asked_overdue(struct db *, int64_t now,
	    int (*cb)(int64_t spool_id, void *), void *);

#endif /* DB_ASKED_H */
