/*
 * verp.c - the token in a copy's envelope sender; see verp.h
 *
 * The token is base32 of 16 bytes: 64 bits of fields, big-endian, the
 * member id (VERP_MEMBER_BITS), the spool id (VERP_SPOOL_BITS) and the
 * low VERP_DAY_BITS of the day (read back as the latest such day not
 * after tomorrow), then the first VERP_MAC_BYTES of the MAC over the
 * purpose "verp", the list, the spool id, the member id, and the day the
 * token stops counting.  16 bytes are 26 digits, with two padding bits
 * that token_b32_decode() holds to zero: one spelling per token.
 */
#include <stdio.h>
#include <string.h>

#include <nettle/memops.h>

#include "global/token.h"
#include "global/verp.h"
#include "util/sys_defs.h"

#define FIELD_BYTES	8
#define PAYLOAD_BYTES	(FIELD_BYTES + VERP_MAC_BYTES)
#define DAY_MASK	((UINT64_C(1) << VERP_DAY_BITS) - 1)

_Static_assert(VERP_MEMBER_BITS + VERP_SPOOL_BITS + VERP_DAY_BITS ==
    8 * FIELD_BYTES, "the fields fill their 8 bytes");
_Static_assert((8 * PAYLOAD_BYTES + 4) / 5 == VERP_TOKEN_CHARS,
    "VERP_TOKEN_CHARS digits hold the payload");
_Static_assert((1 << VERP_DAY_BITS) > VERP_VALID_DAYS + VERP_SKEW_DAYS + 1,
    "no two days a token is read across have the same low bits");

static const char *const whys[] = {
	[VERP_OK] = "valid",
	[VERP_ERR_FORM] = "not a bounce token",
	[VERP_ERR_MAC] = "forged or another list's bounce token",
	[VERP_ERR_EXPIRED] = "expired bounce token",
	[VERP_ERR_KEY] = "no key for bounce tokens",
	[VERP_ERR_RANGE] = "a member or post id too large for a bounce token",
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

/* pack - v's fields as 8 big-endian bytes at p */
static void
pack(const struct verp *v, unsigned char p[FIELD_BYTES])
{
	uint64_t	x;

	x = (uint64_t)v->member_id << (VERP_SPOOL_BITS + VERP_DAY_BITS) |
	    (uint64_t)v->spool_id << VERP_DAY_BITS |
	    ((uint64_t)v->day & DAY_MASK);
	for (int i = FIELD_BYTES - 1; i >= 0; i--, x >>= 8)
		p[i] = (unsigned char)x;
}

/* unpack - the fields at p into *v, the day as its low bits alone */
static void
unpack(const unsigned char p[FIELD_BYTES], struct verp *v)
{
	uint64_t	x = 0;

	for (int i = 0; i < FIELD_BYTES; i++)
		x = x << 8 | p[i];
	v->day = (int64_t)(x & DAY_MASK);
	x >>= VERP_DAY_BITS;
	v->spool_id = (int64_t)(x & (uint64_t)VERP_SPOOL_MAX);
	v->member_id = (int64_t)(x >> VERP_SPOOL_BITS);
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
	unsigned char	p[PAYLOAD_BYTES];

	if (v->member_id < 0 || v->spool_id < 0)
		return (VERP_ERR_FORM);
	if (v->member_id > VERP_MEMBER_MAX || v->spool_id > VERP_SPOOL_MAX)
		return (VERP_ERR_RANGE);
	pack(v, p);
	if (mac_of(list_id, v, p + FIELD_BYTES) == -1)
		return (VERP_ERR_KEY);
	if (token_b32(p, sizeof(p), out, VERP_TOKEN_MAX + 1) == 0)
		return (VERP_ERR_FORM);
	return (VERP_OK);
}

/* verp_token_read - see verp.h */
enum verp_result
verp_token_read(const char *tok, int64_t list_id, int64_t now,
    struct verp *out)
{
	unsigned char	p[PAYLOAD_BYTES], want[VERP_MAC_BYTES];
	struct verp	v;
	size_t		n;
	int64_t		today = verp_day(now);

	if (strlen(tok) != VERP_TOKEN_CHARS ||
	    token_b32_decode(tok, p, sizeof(p), &n) == -1 ||
	    n != sizeof(p))
		return (VERP_ERR_FORM);
	unpack(p, &v);
	/* the latest day with these low bits, not after tomorrow */
	v.day = today + VERP_SKEW_DAYS - (int64_t)((uint64_t)(today +
	    VERP_SKEW_DAYS - v.day) & DAY_MASK);
	if (mac_of(list_id, &v, want) == -1)
		return (VERP_ERR_KEY);
	if (!memeql_sec(want, p + FIELD_BYTES, VERP_MAC_BYTES))
		return (VERP_ERR_MAC);
	if (today - v.day > VERP_VALID_DAYS)
		return (VERP_ERR_EXPIRED);
	*out = v;
	return (VERP_OK);
}
