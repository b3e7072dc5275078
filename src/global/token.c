/*
 * token.c - tokens in reply addresses; see token.h
 *
 * HMAC-SHA256 and the random nonce are OpenSSL's; base32 (RFC 4648,
 * lower case, no padding) is a few lines here, as no Debian library
 * offers it for C.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>

#include "global/token.h"
#include "util/random.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define KEY_MAX		64
#define MAC_BYTES	16	/* 128 bits */

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* Set once at start, before threads; read-only after. */
static unsigned char	key[KEY_MAX];
static size_t		key_len;

/* token_load_key - see token.h */
int
token_load_key(const char *path, struct vbuf *err)
{
	char	hex[2 * KEY_MAX + 2];
	ssize_t	n;
	size_t	i, len;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		vbuf_printf(err, "secret %s: %s", path, strerror(errno));
		return (-1);
	}
	n = read(fd, hex, sizeof(hex) - 1);
	(void)close(fd);
	if (n < 0) {
		vbuf_printf(err, "secret %s: %s", path, strerror(errno));
		return (-1);
	}
	hex[n] = '\0';
	len = strcspn(hex, "\r\n");
	if (len < 64 || len % 2 != 0 || len / 2 > KEY_MAX) {
		vbuf_printf(err, "secret %s: not a key made by moot init", path);
		return (-1);
	}
	for (i = 0; i < len; i += 2) {
		unsigned int	byte;

		if (!isxdigit((unsigned char)hex[i]) ||
		    !isxdigit((unsigned char)hex[i + 1]) ||
		    sscanf(hex + i, "%2x", &byte) != 1) {
			vbuf_printf(err, "secret %s: not hexadecimal", path);
			return (-1);
		}
		key[i / 2] = (unsigned char)byte;
	}
	key_len = len / 2;
	explicit_bzero(hex, sizeof(hex));
	return (0);
}

/* token_new_nonce - see token.h */
int
token_new_nonce(struct token_mac *c)
{
	return (random_bytes(c->nonce, sizeof(c->nonce)));
}

/* put_field - a length-prefixed field into the MAC's input */
static void
put_field(unsigned char *buf, size_t *off, size_t size, const void *p,
    size_t n)
{
	unsigned char	len[4] = { (unsigned char)(n >> 24),
	    (unsigned char)(n >> 16), (unsigned char)(n >> 8),
	    (unsigned char)n };

	if (*off + 4 + n > size)
		return;
	memcpy(buf + *off, len, 4);
	memcpy(buf + *off + 4, p, n);
	*off += 4 + n;
}

/* mac - the 128-bit MAC of claim; -1 without a key */
static int
mac(const struct token_mac *c, unsigned char out[MAC_BYTES])
{
	unsigned char	in[1024], full[SHA256_DIGEST_SIZE];
	char		num[2][24];
	struct hmac_sha256_ctx h;
	size_t		off = 0;

	if (key_len == 0)
		return (-1);
	(void)snprintf(num[0], sizeof(num[0]), "%lld", (long long)c->list_id);
	(void)snprintf(num[1], sizeof(num[1]), "%lld",
	    (long long)c->object_id);
	/* Length-prefixed fields: no two claims share an input. */
	put_field(in, &off, sizeof(in), c->purpose, strlen(c->purpose));
	put_field(in, &off, sizeof(in), num[0], strlen(num[0]));
	put_field(in, &off, sizeof(in), num[1], strlen(num[1]));
	put_field(in, &off, sizeof(in), c->addr, strlen(c->addr));
	put_field(in, &off, sizeof(in), c->nonce, sizeof(c->nonce));
	(void)snprintf(num[0], sizeof(num[0]), "%lld",
	    (long long)c->expires_at);
	put_field(in, &off, sizeof(in), num[0], strlen(num[0]));
	hmac_sha256_set_key(&h, key_len, key);
	hmac_sha256_update(&h, off, in);
	hmac_sha256_digest(&h, sizeof(full), full);
	explicit_bzero(&h, sizeof(h));
	memcpy(out, full, MAC_BYTES);
	explicit_bzero(full, sizeof(full));
	return (0);
}

/* token_b32 - see token.h */
size_t
token_b32(const unsigned char *in, size_t n, char *out, size_t size)
{
	unsigned int	acc = 0;
	int		bits = 0;
	size_t		o = 0;

	if (size < (n * 8 + 4) / 5 + 1)
		return (0);
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	/* The last digit's low bits, past the data, are zeros. */
	if (bits > 0)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return (o);
}

/* token_b32_decode - see token.h */
int
token_b32_decode(const char *s, unsigned char *out, size_t size, size_t *n)
{
	unsigned int	acc = 0;
	int		bits = 0;
	size_t		o = 0;
	const char	*p;

	for (; *s != '\0'; s++) {
		char	c = (char)tolower((unsigned char)*s);

		if ((p = strchr(b32, c)) == NULL || c == '\0')
			return (-1);
		acc = ((acc << 5) | (unsigned int)(p - b32)) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			if (o == size)
				return (-1);
			out[o++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	/* One spelling per value: what is left over is padding, and zero. */
	if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
		return (-1);
	*n = o;
	return (0);
}

/* token_mac_bytes - see token.h */
int
token_mac_bytes(const struct token_mac *c, unsigned char *out, size_t n)
{
	unsigned char	m[MAC_BYTES];

	if (n > MAC_BYTES || mac(c, m) == -1)
		return (-1);
	memcpy(out, m, n);
	explicit_bzero(m, sizeof(m));
	return (0);
}

/* token_make - see token.h */
int
token_make(const struct token_mac *c, char out[TOKEN_CHARS + 1])
{
	unsigned char	m[MAC_BYTES];

	/* 128 bits make 25.6 base32 digits: 26, the last with two zeros. */
	if (mac(c, m) == -1 ||
	    token_b32(m, MAC_BYTES, out, TOKEN_CHARS + 1) != TOKEN_CHARS)
		return (-1);
	return (0);
}

/* token_equal - see token.h */
int
token_equal(const char *a, const char *b)
{
	return (memeql_sec(a, b, TOKEN_CHARS) != 0);
}

/* token_normal - see token.h */
int
token_normal(const char *tok, char out[TOKEN_CHARS + 1])
{
	size_t	i;

	if (strlen(tok) != TOKEN_CHARS)
		return (-1);
	for (i = 0; i < TOKEN_CHARS; i++) {
		char	c = (char)tolower((unsigned char)tok[i]);

		if (strchr(b32, c) == NULL || c == '\0')
			return (-1);
		out[i] = c;
	}
	out[TOKEN_CHARS] = '\0';
	return (0);
}

/* token_verify - see token.h */
int
token_verify(const struct token_mac *c, const char *tok)
{
	char	want[TOKEN_CHARS + 1], got[TOKEN_CHARS + 1];

	if (token_normal(tok, got) == -1 || token_make(c, want) == -1)
		return (-1);
	return (token_equal(want, got) ? 0 : -1);
}

/* token_hash - see token.h */
int
token_hash(const char *tok, char out[TOKEN_HASH_CHARS + 1])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[SHA256_DIGEST_SIZE];
	struct sha256_ctx	 h;
	char			 norm[TOKEN_CHARS + 1];

	if (token_normal(tok, norm) == -1 ||
	    sizeof(md) * 2 != TOKEN_HASH_CHARS)
		return (-1);
	sha256_init(&h);
	sha256_update(&h, TOKEN_CHARS, (const uint8_t *)norm);
	sha256_digest(&h, sizeof(md), md);
	for (size_t i = 0; i < sizeof(md); i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0x0f];
	}
	out[TOKEN_HASH_CHARS] = '\0';
	return (0);
}
