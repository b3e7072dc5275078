/*
 * db_mod.h - the records of moderation: the rota, who is away, who was
 * asked about a held post, decisions, scheduled jobs, the audit log
 *
 * Owns: the SQL of the rota, away, asked and job tables, and the
 * conditional update that makes the first decision win (threat B4).
 */
#ifndef DB_MOD_H
#define DB_MOD_H

#include <stddef.h>
#include <stdint.h>

#include "db/db_spool.h"

#include "global/rota.h"

struct db;

/* A list's rota and the away periods, loaded for rota.c. */
struct rota_set {
	struct rota	 r;
	char		**addrs;	/* owned */
	struct away	*away;		/* owned; addr points into awayaddrs */
	char		**awayaddrs;	/* owned */
};

int	rota_set_load(struct db *, int64_t list_id, int turn_days,
	    struct rota_set *);
void	rota_set_free(struct rota_set *);

/* rota_replace - the rota of list_id becomes addrs, in that order */
int	rota_replace(struct db *, int64_t list_id, char *const *addrs,
	    size_t n);
int	away_add(struct db *, const char *addr, int64_t from, int64_t to);
int	away_clear(struct db *, const char *addr);

/* asked_add - addr was asked about spool_id at level (0, 1, 2) */
int	asked_add(struct db *, int64_t spool_id, const char *addr, int level,
	    int64_t at);
/* asked_each - everyone asked about spool_id (collected, then cb) */
int	asked_each(struct db *, int64_t spool_id,
	    int (*cb)(const char *addr, int level, void *), void *);

/* asked_names - "a, b (next), c (all)" for listings */
int	asked_names(struct db *, int64_t spool_id, struct vbuf *out);

/* held_each - every held post someone was asked about: its list, when
 * the first was asked, how far it has escalated */
int	held_each(struct db *, int (*cb)(int64_t spool_id, int64_t list_id,
	    int64_t since, int level, void *), void *);

/* asked_addrs - everyone asked about a post of list_id still held */
int	asked_addrs(struct db *, int64_t list_id,
	    int (*cb)(const char *addr, void *), void *);

/* held_for - the held posts of list_id addr was asked about before */
int	held_for(struct db *, int64_t list_id, const char *addr,
	    int64_t before, int (*cb)(int64_t spool_id, void *), void *);

/* spool_decide - held -> state, with who and when; DB_NOTFOUND if the
 * post is no longer held (someone decided first) */
int	spool_decide(struct db *, int64_t id, enum spool_state,
	    const char *by, int64_t at, const char *reason);

/* spool_escalated - how far asking about a held post has gone (0-2) */
int	spool_escalated(struct db *, int64_t id, int level);

int	job_last(struct db *, const char *name, int64_t list_id,
	    int64_t *last);
int	job_mark(struct db *, const char *name, int64_t list_id, int64_t at);

/* audit_each - the audit log of a list, newest first */
int	audit_each(struct db *, int64_t list_id, int64_t limit,
	    int (*cb)(int64_t at, const char *actor, const char *action,
	    int64_t spool_id, const char *detail, void *), void *);

#endif /* DB_MOD_H */
