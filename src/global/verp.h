/*
 * verp.h - the token in a copy's envelope sender, LIST-bounces+TOKEN@domain
 *
 * Owns: the VERP token's format and its check.  The token names the
 * member a copy went to (the member row's id, never reused: AUTOINCREMENT)
 * and the post (the spool id), and the day it was sent; a MAC binds them
 * to the list, so that no one can turn a token into another member's or
 * another list's (threat B8).  It carries everything it stands for, so
 * reading it needs no database row per copy (issue 16's speed).  The MAC
 * is token.c's (the site key, HMAC-SHA256, one rule for every token),
 * cut to VERP_MAC_BYTES to keep the address short: a forger must guess
 * 64 bits, one bounce at a time.  Base32, so that a relay that changes
 * the case of an address changes nothing.  Never logs.
 */
#ifndef VERP_H
#define VERP_H

#include <stdint.h>

#define VERP_MAC_BYTES	8	/* 64 bits of HMAC-SHA256 */
#define VERP_TOKEN_MAX	45	/* base32 of 9 + 9 + 2 + 8 bytes */
#define VERP_VALID_DAYS	60	/* a bounce counts this long after */
#define VERP_SKEW_DAYS	1	/* a day ahead: clocks differ */

struct verp {
	int64_t	member_id;	/* the member row the copy went to */
	int64_t	spool_id;	/* the post it was a copy of */
	int64_t	day;		/* days since 1970-01-01 UTC, when sent */
};

enum verp_result {
	VERP_OK,
	VERP_ERR_FORM,		/* not a token of this form */
	VERP_ERR_MAC,		/* forged, altered, or another list's */
	VERP_ERR_EXPIRED,	/* older than VERP_VALID_DAYS (a day more
				 * than VERP_SKEW_DAYS ahead reads as 179
				 * years old, and fails its MAC) */
	VERP_ERR_KEY,		/* no key loaded (token_load_key()) */
};

/* verp_day - the day of time t (seconds since the epoch, UTC) */
int64_t	verp_day(int64_t t);

/*
 * verp_token_make - the token for v on list list_id into out; VERP_OK,
 * VERP_ERR_FORM for a negative id, VERP_ERR_KEY without a key
 */
enum verp_result verp_token_make(int64_t list_id, const struct verp *v,
	    char out[VERP_TOKEN_MAX + 1]);

/*
 * verp_token_read - what tok (any case), found at list list_id's bounce
 * address, names; *v is set only on VERP_OK.  now: the time the bounce
 * came (seconds since the epoch).
 */
enum verp_result verp_token_read(const char *tok, int64_t list_id,
	    int64_t now, struct verp *v);

/* verp_result_why - a few words for a log line (never the token) */
const char *verp_result_why(enum verp_result);

#endif /* VERP_H */
