/*
 * db_digest.h - the posts that wait for a list's digest or weekly update
 *
 * Owns: the SQL of digest_post: every post a list with a schedule
 * began to distribute, in that order, kept by the schema's trigger
 * (db_schema.c, schema 13).  Who is due what, and when, is
 * db_sched.h's; no rules: mootd/digest.c and news.c decide what a
 * digest or an update holds.
 */
#ifndef DB_DIGEST_H
#define DB_DIGEST_H

#include <stdint.h>

struct db;

/* digest_posts - cb(seq, spool_id) for up to limit posts of list_id
 * with seq > after that were distributed (or are being), in order */
int	digest_posts(struct db *, int64_t list_id, int64_t after,
	    int64_t limit, int (*cb)(int64_t seq, int64_t spool_id, void *),
	    void *);

#endif /* DB_DIGEST_H */
