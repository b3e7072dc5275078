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
 *
 * The token is VERP_TOKEN_CHARS long whatever it names, so that
 * LIST-bounces+TOKEN fits the 64 octets RFC 5321 4.5.3.1.1 allows a
 * local part for every list name moot takes (LIST_NAME_MAX, 28: 28 + 9
 * + 26 = 63).  That fixes its fields: member ids up to VERP_MEMBER_MAX
 * and spool ids up to VERP_SPOOL_MAX (268 million and a thousand
 * million: ids are never reused, so these count every member and every
 * message a site ever had); past
 * either, verp_token_make() says VERP_ERR_RANGE and the copy goes from
 * the plain L-bounces@, whose bounces count by what they quote.
 */
#ifndef VERP_H
#define VERP_H

#include <stdint.h>

#define VERP_MAC_BYTES	8	/* 64 bits of HMAC-SHA256 */
#define VERP_MEMBER_BITS 28
#define VERP_SPOOL_BITS	30
#define VERP_DAY_BITS	6	/* the day mod 64: more than the
				 * VERP_VALID_DAYS + VERP_SKEW_DAYS a
				 * token is read across */
#define VERP_MEMBER_MAX	((INT64_C(1) << VERP_MEMBER_BITS) - 1)
#define VERP_SPOOL_MAX	((INT64_C(1) << VERP_SPOOL_BITS) - 1)
#define VERP_TOKEN_CHARS 26	/* base32 of 8 bytes of fields, 8 of MAC */
#define VERP_TOKEN_MAX	VERP_TOKEN_CHARS
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
	VERP_ERR_EXPIRED,	/* older than VERP_VALID_DAYS (one 64
				 * days older reads as a later day's,
				 * and fails its MAC) */
	VERP_ERR_KEY,		/* no key loaded (token_load_key()) */
	VERP_ERR_RANGE,		/* an id past VERP_MEMBER_MAX or
				 * VERP_SPOOL_MAX: no token */
};

/* verp_day - the day of time t (seconds since the epoch, UTC) */
int64_t	verp_day(int64_t t);

/*
 * verp_token_make - the token for v on list list_id into out; VERP_OK,
 * VERP_ERR_FORM for a negative id, VERP_ERR_RANGE for one too large,
 * VERP_ERR_KEY without a key
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
