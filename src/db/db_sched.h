/*
 * db_sched.h - what a list sends on a schedule: which lists have one,
 * which members are due it, and recording that they had it
 *
 * Owns: the SQL of the two schedules a list may have, each a kind: the
 * digest (list.digest_at, digest_since; the members' digest_slot, the
 * scheduled instant of their last digest, and digest_upto, the last
 * post it held; schema 13) and the weekly update (list.newsletter_at,
 * newsletter_since; news_slot, news_upto; schema 15).  The same three
 * questions for both, one table of statements by kind.  No rules:
 * mootd/sched_send.c decides when one is due, digest.c and news.c what
 * it holds.
 */
#ifndef DB_SCHED_H
#define DB_SCHED_H

#include <stdint.h>

struct db;

enum sched_kind {
	SCHED_DIGEST,		/* to members in digest mode */
	SCHED_NEWS,		/* the weekly update: every member who
				 * takes mail */
	SCHED_COUNT
};

struct sched_list {
	int64_t		 id;
	const char	*name;		/* borrowed from the row */
	const char	*at;		/* the schedule: "Mon 10:00" */
	int64_t		 since;		/* when it was set */
};

/* sched_each_list - cb for every list with a schedule of kind; stops
 * when cb returns non-zero */
int	sched_each_list(struct db *, enum sched_kind,
	    int (*cb)(const struct sched_list *, void *), void *);

struct sched_member {
	int64_t		 id;
	const char	*addr;		/* borrowed from the row */
	const char	*language;	/* borrowed; NULL: the list's */
	int		 plain;		/* a digest as RFC 1153 text */
	int64_t		 upto;		/* the last post (seq) they had */
};

/* sched_members_due - cb for each member of list_id due kind's mail at
 * slot (not had it for slot yet), id > after, at most limit, by id */
int	sched_members_due(struct db *, enum sched_kind, int64_t list_id,
	    int64_t slot, int64_t after, int64_t limit,
	    int (*cb)(const struct sched_member *, void *), void *);

/* sched_mark - member_id had kind's mail for slot, with the posts up to
 * upto; DB_NOTFOUND if it was recorded for slot already (another mootd
 * was first), so the caller rolls its queueing back */
int	sched_mark(struct db *, enum sched_kind, int64_t member_id,
	    int64_t upto, int64_t slot);

#endif /* DB_SCHED_H */
