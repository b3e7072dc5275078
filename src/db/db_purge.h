/*
 * db_purge.h - retention: removing records whose time is up
 *
 * Owns: the SQL that removes old records, and what "ended" means for
 * each kind, so that mootd (mootd/retention.c) and `moot spool purge`
 * remove the same things.  A kind's record goes once it ended more than
 * its [retention] time ago (conf.h; 0 keeps it for ever):
 *
 *   junk      spool rows done (mail that is not a post: commands,
 *             confirmations, moderators' replies, forged tokens) or
 *             discarded (dropped by a rule or a moderator), by updated_at
 *   failed    spool rows failed, by updated_at
 *   posts     spool rows sent or rejected, by updated_at
 *   tokens    tokens, counted from their expiry, used or not
 *   requests  membership requests done, refused or expired
 *   notices   outbox rows sent or failed
 *   audit     audit rows, by at
 *
 * What is never removed, whatever the settings say:
 *   - a token before it expires (a used one refuses its replays), or
 *     the List-Unsubscribe token a member names;
 *   - a message until every spool row of it may go, as removing the
 *     message removes them all (ON DELETE CASCADE, and their delivery
 *     and asked rows with them); held, spooled, approved and
 *     distributing rows never may, nor one a queued notice is about,
 *     nor a post a member in digest mode has not yet had in a digest;
 *   - a message younger than [delivery] dedupe_window (threat A3: its
 *     fingerprint refuses a second copy), nor any record younger than
 *     PURGE_MIN_AGE (the daily caps count a day of requests and notices);
 *   - open requests, and requests before they expire;
 *   - the spool row and the request with the highest id: SQLite gives a
 *     new row the highest id plus one, and moderation and confirmation
 *     tokens name these ids, so an id must never come back.  (Members'
 *     and tokens' ids are AUTOINCREMENT: schema 6.)
 * The audit log keeps decisions with their detail; a removed post's
 * audit rows keep everything but the link (spool_id becomes NULL).
 */
#ifndef DB_PURGE_H
#define DB_PURGE_H

#include <stdint.h>

struct conf;
struct db;

#define PURGE_MIN_AGE	(2 * 86400)

enum purge_kind {
	PURGE_JUNK,
	PURGE_FAILED,
	PURGE_POSTS,
	PURGE_TOKENS,
	PURGE_REQUESTS,
	PURGE_NOTICES,
	PURGE_AUDIT,
	PURGE_NKINDS
};

/* Records ended before cutoff[kind] go; INT64_MIN: none of that kind. */
struct purge_rules {
	int64_t	 now;
	int64_t	 cutoff[PURGE_NKINDS];
	int64_t	 born_before;	/* messages received before this only */
};

/* purge_kind_name - "junk", "failed", ... as in [retention] */
const char *purge_kind_name(enum purge_kind);

/* purge_rules - the rules of c's [retention] and dedupe_window at now */
void	purge_rules(const struct conf *c, int64_t now, struct purge_rules *);

/*
 * purge_batch - remove at most limit records of each kind, one
 * transaction per kind, adding what went to n (spool rows for the
 * first three kinds); *more is 1 if some may be left, for another
 * call.  A message's delivery records go first, at most 20 times limit
 * in one transaction, so that a post to a large list takes several
 * calls.  DB_OK, or an error (what was committed stays).
 */
int	purge_batch(struct db *, const struct purge_rules *, int64_t limit,
	    int64_t n[PURGE_NKINDS], int *more);

/* purge_count - what purge_batch would remove without a limit, into n */
int	purge_count(struct db *, const struct purge_rules *,
	    int64_t n[PURGE_NKINDS]);

#endif /* DB_PURGE_H */
