/*
 * db_token.h - tokens as stored: handing one out, finding it, using it
 *
 * Owns: the SQL of the token table.  The token's MAC is token.c's; this
 * module keeps what the MAC covers, so a token can be checked again (and
 * made again, token_make(), by whoever holds the key), the token's hash
 * to find it by, never the token (threat B1), and whether it has been
 * used (single use: threat B2).
 */
#ifndef DB_TOKEN_H
#define DB_TOKEN_H

#include <stdint.h>

#include "global/token.h"

struct db;

struct token_row {
	int64_t		 id;
	char		 token[TOKEN_CHARS + 1];	/* as presented, lower */
	char		*purpose;		/* owned */
	int64_t		 list_id, object_id;
	char		*addr;			/* owned */
	unsigned char	 nonce[TOKEN_NONCE];
	int64_t		 expires_at;
	int64_t		 used_at;		/* 0: never used */
};

/* token_issue - make and store a token for the claim (nonce and expiry
 * filled in here); out gets the token, the database its hash only, and
 * db_last_id() is its row's id after.  DB_* code. */
int	token_issue(struct db *, const char *purpose, int64_t list_id,
	    int64_t object_id, const char *addr, int64_t ttl,
	    char out[TOKEN_CHARS + 1]);

/* What token_claim() found; anything but CLAIM_OK changes nothing. */
enum claim {
	CLAIM_OK,		/* good: act on it */
	CLAIM_UNKNOWN,		/* no such token, or a forged one */
	CLAIM_PURPOSE,		/* made for something else */
	CLAIM_LIST,		/* made for another list */
	CLAIM_EXPIRED,
	CLAIM_USED,		/* single use, and used before (a replay) */
	CLAIM_ERROR,		/* database trouble: try again later */
};

/*
 * token_claim - the one check of a token presented in an address: its
 * row (MAC checked again) was made for one of purposes (NULL-ended), for
 * list_id, has not expired at now, and, if its purpose is single-use
 * (confirm, moderate, join, leave, review: every purpose but a meeting's, whose
 * member may change their answer), has not been used.  Claiming never uses a token up: the caller calls token_use()
 * once it has acted, so a reply that decides nothing leaves the token
 * good.  *out is set (the caller frees it) unless CLAIM_UNKNOWN or
 * CLAIM_ERROR, so the caller can say what it saw.
 */
enum claim token_claim(struct db *, const char *tok,
	    const char *const *purposes, int64_t list_id, int64_t now,
	    struct token_row **out);

/*
 * token_sent_to - from (a From: address) is the address t was sent to,
 * compared as addr.c canonicalises.  A token that decides (a post's
 * moderation, a join's approval) is one person's: the rota, escalation
 * and approvals ask each in turn, so someone else holding it had it
 * forwarded or intercepted it, and it decides nothing for them (B3).
 */
int	token_sent_to(const struct token_row *, const char *from);

/* token_claim_why - a few words for the log: "an expired token", ... */
const char *token_claim_why(enum claim);

/* token_use - mark used now; DB_NOTFOUND if it already was */
int	token_use(struct db *, int64_t id, int64_t now);

void	token_row_free(struct token_row **);

/*
 * token_held_expiring - each held post whose unused moderation tokens
 * all expire before before (so no moderator's reply will count soon):
 * cb(post id, the last expiry) in post order
 */
int	token_held_expiring(struct db *, int64_t before,
	    void (*cb)(int64_t post_id, int64_t expires_at, void *), void *);

#endif /* DB_TOKEN_H */
