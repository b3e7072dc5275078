/*
 * token.h - the tokens in reply addresses (L-moderate+TOKEN, L-confirm+TOKEN)
 *
 * Owns: the key (the site secret from moot init), the token format, and
 * the check of a token's MAC.  A token is 26 lowercase base32 characters:
 * 128 bits of HMAC-SHA256 (threat B1) over its purpose, list, object,
 * bound address, a random nonce and its expiry, all of which are kept in
 * the database with its hash, never the token itself (db_token.c).
 * Nothing here logs; callers log at most the first TOKEN_LOG_CHARS
 * characters of a token (threat F3).
 */
#ifndef TOKEN_H
#define TOKEN_H

#include <stddef.h>
#include <stdint.h>

struct vbuf;

#define TOKEN_CHARS	26	/* 130 bits of base32, 128 of them the MAC */
#define TOKEN_LOG_CHARS	6
#define TOKEN_NONCE	16

/* What a token is bound to; the MAC covers every field. */
struct token_mac {
	const char	*purpose;	/* "moderate", "confirm", ... */
	int64_t		 list_id;
	int64_t		 object_id;	/* the spool row, the request, ... */
	const char	*addr;		/* the person it was sent to */
	unsigned char	 nonce[TOKEN_NONCE];
	int64_t		 expires_at;
};

/* token_load_key - read the secret file (hex, 32 bytes or more); -1 */
int	token_load_key(const char *path, struct vbuf *err);

/* token_new_nonce - fill claim->nonce with random bytes; -1 on failure */
int	token_new_nonce(struct token_mac *);

/* token_make - the token for claim into out (TOKEN_CHARS + NUL) */
int	token_make(const struct token_mac *, char out[TOKEN_CHARS + 1]);

/*
 * token_verify - 0 if tok (any case) is the token of claim: its MAC is
 * recomputed and compared in constant time.  Expiry and use are the
 * caller's to check against the stored row.
 */
int	token_verify(const struct token_mac *, const char *tok);

/*
 * token_mac_bytes - the first n (at most 16) bytes of claim's MAC: the
 * same MAC as token_make()'s, for a token that carries its claim in
 * itself (verp.h); -1 without a key
 */
int	token_mac_bytes(const struct token_mac *, unsigned char *out,
	    size_t n);

/* token_b32 - n bytes as lower-case base32 (RFC 4648, no padding) into
 * out, NUL-terminated; the number of digits, or 0 if size is too small
 * (it needs (8n + 4) / 5 + 1) */
size_t	token_b32(const unsigned char *in, size_t n, char *out, size_t size);

/* token_b32_decode - base32 s (any case) back into at most size bytes,
 * *n of them; -1 if s is not base32, would not fit, or is not the one
 * spelling token_b32() gives (its padding bits are not zero) */
int	token_b32_decode(const char *s, unsigned char *out, size_t size,
	    size_t *n);

/* token_equal - constant-time comparison of two TOKEN_CHARS tokens */
int	token_equal(const char *a, const char *b);

/* token_normal - lower-case copy of tok if it has the token's form */
int	token_normal(const char *tok, char out[TOKEN_CHARS + 1]);

/*
 * token_hash - what the database keeps of tok (any case): the hex
 * SHA-256 of its lower-case form, -1 if tok has not the token's form.
 * Tokens at rest are these hashes (threat B1): whoever reads the database
 * holds no capability, and moot, holding the key, makes a token again
 * from its row when it must write it (a member's List-Unsubscribe).  A
 * token carries 128 bits of MAC, so a plain hash cannot be reversed.
 */
#define TOKEN_HASH_CHARS	64
int	token_hash(const char *tok, char out[TOKEN_HASH_CHARS + 1]);

#endif /* TOKEN_H */
