/*
 * verp.c - the token in a copy's envelope sender; see verp.h
 *
 * The token is base32 of: the member id and the spool id as LEB128
 * varints (most ids take 2-4 bytes, so most tokens are 26-31 digits), the
 * low 16 bits of the day (it is read back as the latest such day not
 * after today: 179 years apart, no two are confused), then the first
 * VERP_MAC_BYTES of the MAC over the purpose "verp", the list, the spool
 * id, the member id, and the day the token stops counting.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "global/token.h"
#include "global/verp.h"
#include "util/sys_defs.h"

#define VARINT_MAX	9	/* bytes of a 63-bit LEB128 number */
#define PAYLOAD_MAX	(2 * VARINT_MAX + 2 + VERP_MAC_BYTES)

static const char *const whys[] = {
	[VERP_OK] = "valid",
	[VERP_ERR_FORM] = "not a bounce token",
	[VERP_ERR_MAC] = "forged or another list's bounce token",
	[VERP_ERR_EXPIRED] = "expired bounce token",
	[VERP_ERR_KEY] = "no key for bounce tokens",
};

/* verp_result_why - see verp.h */
const char *
verp_result_why(enum verp_result r)
{
	return ((size_t)r < nitems(whys) ? whys[r] : "bounce token?");
}

/* verp_day - see verp.h */
int64_t
verp_day(int64_t t)
{
	return (t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/* put_varint - v (not negative) as LEB128 at p; the bytes written */
static size_t
put_varint(unsigned char *p, uint64_t v)
{
	size_t	n = 0;

	do {
		p[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v > 0);
	return (n);
}

/* get_varint - a LEB128 number at p[0..len) into *v; its bytes, or 0 if
 * it runs past len, is longer than needed, or exceeds 63 bits */
static size_t
get_varint(const unsigned char *p, size_t len, int64_t *v)
{
	uint64_t	x = 0;
	size_t		n;

	for (n = 0; n < len && n < VARINT_MAX; n++) {
		x |= (uint64_t)(p[n] & 0x7f) << (7 * n);
		if ((p[n] & 0x80) == 0) {
			/* one spelling per number: no trailing zero group */
			if (n > 0 && p[n] == 0)
				return (0);
			*v = (int64_t)x;
			return (n + 1);
		}
	}
	return (0);
}

/* mac_of - the truncated MAC of v on list_id */
static int
mac_of(int64_t list_id, const struct verp *v, unsigned char m[VERP_MAC_BYTES])
{
	struct token_mac	c;
	char			member[24];

	memset(&c, 0, sizeof(c));
	(void)snprintf(member, sizeof(member), "%lld", (long long)v->member_id);
	c.purpose = "verp";
	c.list_id = list_id;
	c.object_id = v->spool_id;
	c.addr = member;		/* whom the copy went to */
	c.expires_at = (v->day + VERP_VALID_DAYS + 1) * 86400;
	return (token_mac_bytes(&c, m, VERP_MAC_BYTES));
}

/* verp_token_make - see verp.h */
enum verp_result
verp_token_make(int64_t list_id, const struct verp *v,
    char out[VERP_TOKEN_MAX + 1])
{
	unsigned char	p[PAYLOAD_MAX];
	size_t		n = 0;

	if (v->member_id < 0 || v->spool_id < 0)
		return (VERP_ERR_FORM);
	n += put_varint(p + n, (uint64_t)v->member_id);
	n += put_varint(p + n, (uint64_t)v->spool_id);
	p[n++] = (unsigned char)((uint64_t)v->day >> 8);
	p[n++] = (unsigned char)v->day;
	if (mac_of(list_id, v, p + n) == -1)
		return (VERP_ERR_KEY);
	n += VERP_MAC_BYTES;
	if (token_b32(p, n, out, VERP_TOKEN_MAX + 1) == 0)
		return (VERP_ERR_FORM);
	return (VERP_OK);
}

/* verp_token_read - see verp.h */
enum verp_result
verp_token_read(const char *tok, int64_t list_id, int64_t now,
    struct verp *out)
{
	unsigned char	p[PAYLOAD_MAX + 1], want[VERP_MAC_BYTES];
	struct verp	v;
	size_t		n, off, k;
	int64_t		today = verp_day(now);
	unsigned int	d16;

	if (strlen(tok) > VERP_TOKEN_MAX ||
	    token_b32_decode(tok, p, sizeof(p), &n) == -1)
		return (VERP_ERR_FORM);
	if ((off = get_varint(p, n, &v.member_id)) == 0 ||
	    (k = get_varint(p + off, n - off, &v.spool_id)) == 0 ||
	    n - off - k != 2 + VERP_MAC_BYTES)
		return (VERP_ERR_FORM);
	off += k;
	d16 = (unsigned int)p[off] << 8 | p[off + 1];
	off += 2;
	/* the latest day with these low bits, not after tomorrow */
	v.day = today + VERP_SKEW_DAYS -
	    (int64_t)((uint16_t)(today + VERP_SKEW_DAYS - d16));
	if (mac_of(list_id, &v, want) == -1)
		return (VERP_ERR_KEY);
	if (CRYPTO_memcmp(want, p + off, VERP_MAC_BYTES) != 0)
		return (VERP_ERR_MAC);
	if (today - v.day > VERP_VALID_DAYS)
		return (VERP_ERR_EXPIRED);
	*out = v;
	return (VERP_OK);
}
