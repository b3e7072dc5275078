/*
 * db_news.h - the weekly update: which lists have one, who is due it
 *
 * Owns: the SQL of a newsletter list's schedule (list.newsletter_at,
 * newsletter_since) and of the members' update columns (news_slot: the
 * scheduled instant of their last update, news_upto: the last post it
 * held; schema 15).  The posts are digest_post's, read with
 * digest_posts() (db_digest.h): one record of what a list distributed.
 * No rules: mootd/news.c decides when an update is due and what it
 * holds.
 */
#ifndef DB_NEWS_H
#define DB_NEWS_H

#include <stdint.h>

#include "db/db_digest.h"

struct db;

/* news_each_list - cb for every newsletter list (struct digest_list:
 * its at is newsletter_at, its since newsletter_since); stops when cb
 * returns non-zero */
int	news_each_list(struct db *,
	    int (*cb)(const struct digest_list *, void *), void *);

/*
 * news_members_due - cb for up to limit members of list_id who take
 * mail of any kind (not nomail) and whose last update is of an instant
 * before slot, in id order from id > after (struct digest_member: its
 * upto is news_upto; plain is 0)
 */
int	news_members_due(struct db *, int64_t list_id, int64_t slot,
	    int64_t after, int64_t limit,
	    int (*cb)(const struct digest_member *, void *), void *);

/* news_mark - member_id has had the update of slot, with the posts up
 * to upto; DB_NOTFOUND if it had this one already (the caller, in the
 * transaction that queued the update, rolls back) */
int	news_mark(struct db *, int64_t member_id, int64_t upto,
	    int64_t slot);

#endif /* DB_NEWS_H */
