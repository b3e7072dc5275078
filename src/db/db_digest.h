/*
 * db_digest.h - digests: which posts wait for them, and who has had what
 *
 * Owns: the SQL of digest_post (every post a list with a digest
 * schedule began to distribute, in that order, kept by the schema's
 * trigger: db_schema.c, schema 13) and of the members' digest columns
 * (digest_upto: the last post they had, digest_slot: the scheduled
 * instant of their last digest).  No rules: mootd/digest.c decides when
 * a digest is due and what it holds.
 */
#ifndef DB_DIGEST_H
#define DB_DIGEST_H

#include <stdint.h>

struct db;

struct digest_list {
	int64_t		 id;
	const char	*name;		/* borrowed from the row */
	const char	*at;		/* the schedule: "Mon 10:00" */
	int64_t		 since;		/* when it was set */
};

/* digest_each_list - cb for every list with a digest schedule; stops
 * when cb returns non-zero */
int	digest_each_list(struct db *,
	    int (*cb)(const struct digest_list *, void *), void *);

struct digest_member {
	int64_t		 id;
	const char	*addr;		/* borrowed from the row */
	const char	*language;	/* borrowed; NULL: the list's */
	int		 plain;		/* RFC 1153 text, not MIME */
	int64_t		 upto;		/* the last post (seq) they had */
};

/* digest_members_due - cb for up to limit members of list_id in digest
 * mode whose last digest is of an instant before slot, in id order
 * from id > after */
int	digest_members_due(struct db *, int64_t list_id, int64_t slot,
	    int64_t after, int64_t limit,
	    int (*cb)(const struct digest_member *, void *), void *);

/* digest_posts - cb(seq, spool_id) for up to limit posts of list_id
 * with seq > after that were distributed (or are being), in order */
int	digest_posts(struct db *, int64_t list_id, int64_t after,
	    int64_t limit, int (*cb)(int64_t seq, int64_t spool_id, void *),
	    void *);

/*
 * digest_mark - member_id has had the posts up to upto and the digest
 * of slot.  Only a member whose last digest is of an earlier instant
 * changes: DB_NOTFOUND if it had this one already (the caller, in the
 * transaction that queued the digest, rolls back).
 */
int	digest_mark(struct db *, int64_t member_id, int64_t upto,
	    int64_t slot);

#endif /* DB_DIGEST_H */
