/* verp_test - the VERP token of a copy's envelope sender (issue 15,
 * item 1; threat B8): it names the member and the post, reads back on
 * its list for VERP_VALID_DAYS, and cannot be altered into another
 * member's, another post's or another list's */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "global/conf.h"
#include "global/listaddr.h"
#include "global/token.h"
#include "global/verp.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "util/sys_defs.h"

#define NOW	1796284800	/* 2026-12-03 00:00:00 UTC */
#define DAY	86400

/* RFC 4648 section 10, in lower case and without padding */
static const struct {
	const char	*in, *out;
} b32_vectors[] = {
	{ "", "" }, { "f", "my" }, { "fo", "mzxq" }, { "foo", "mzxw6" },
	{ "foob", "mzxw6yq" }, { "fooba", "mzxw6ytb" },
	{ "foobar", "mzxw6ytboi" },
};

static void
base32(void)
{
	unsigned char	back[16];
	char		out[32];
	size_t		n;

	for (size_t i = 0; i < nitems(b32_vectors); i++) {
		const char *in = b32_vectors[i].in;

		token_b32((const unsigned char *)in, strlen(in), out,
		    sizeof(out));
		is_str(out, b32_vectors[i].out, "base32 of \"%s\"", in);
		ok(token_b32_decode(b32_vectors[i].out, back, sizeof(back),
		    &n) == 0 && n == strlen(in) && memcmp(back, in, n) == 0,
		    "and back");
	}
	ok(token_b32_decode("mz", back, sizeof(back), &n) == -1,
	    "a second spelling (padding bits not zero) is refused");
	ok(token_b32_decode("mzx", back, sizeof(back), &n) == -1,
	    "a digit too many is refused");
	ok(token_b32_decode("my1", back, sizeof(back), &n) == -1,
	    "a digit outside base32 is refused");
	ok(token_b32(back, 3, out, 5) == 0, "no room: nothing written");
}

/* alter - tok with its i-th digit changed to another base32 digit */
static void
alter(const char *tok, size_t i, char *out)
{
	strcpy(out, tok);
	out[i] = out[i] == 'a' ? 'b' : 'a';
}

/* remake - the token's bytes with a new member id and the old MAC: what
 * a forger holding one member's token can make for another */
static void
remake(const char *tok, int64_t member, char *out)
{
	unsigned char	p[16];
	uint64_t	x = 0;
	size_t		n;
	const int	low = VERP_SPOOL_BITS + VERP_DAY_BITS;

	(void)token_b32_decode(tok, p, sizeof(p), &n);
	for (int i = 0; i < 8; i++)
		x = x << 8 | p[i];
	x = (x & ((UINT64_C(1) << low) - 1)) | (uint64_t)member << low;
	for (int i = 7; i >= 0; i--, x >>= 8)
		p[i] = (unsigned char)x;
	token_b32(p, n, out, VERP_TOKEN_MAX + 1);
}

/*
 * fits_64 - RFC 5321 4.5.3.1.1: the local part of every address moot
 * makes, for the longest list name and tokens, is at most 64 octets;
 * the VERP sender for the largest ids reads back as what it names
 */
/* n_max - *m is at least n */
static void
n_max(size_t *m, ptrdiff_t n)
{
	if (n > 0 && (size_t)n > *m)
		*m = (size_t)n;
}

static void
fits_64(const char *vtok)
{
	struct conf	c;
	struct listaddr	r;
	struct vbuf	a;
	char		name[LIST_NAME_MAX + 1], tok[TOKEN_MAX + 1];
	size_t		worst = 0;

	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	c.delimiter = '+';
	memset(name, 'a', LIST_NAME_MAX);
	name[LIST_NAME_MAX] = '\0';
	memset(tok, 'b', TOKEN_CHARS);
	tok[TOKEN_CHARS] = '\0';
	vbuf_init(&a, 1024);
	for (int k = 0; k < AK_COUNT; k++) {
		vbuf_reset(&a);
		listaddr_format(&a, &c, name, (enum listaddr_kind)k,
		    k == AK_BOUNCES ? vtok : tok);
		n_max(&worst, strchr(vbuf_str(&a), '@') - vbuf_str(&a));
	}
	ok(worst <= 64, "every address of a %d-character list, with a "
	    "token, has a local part of at most 64 octets (%zu)",
	    LIST_NAME_MAX, worst);
	vbuf_reset(&a);
	listaddr_format(&a, &c, name, AK_BOUNCES, vtok);
	ok(strchr(vbuf_str(&a), '@') - vbuf_str(&a) <= 64,
	    "the VERP sender for the largest ids: %s", vbuf_str(&a));
	ok(listaddr_route(&c, vbuf_str(&a), &r) == LISTADDR_OK &&
	    r.kind == AK_BOUNCES && strcmp(r.token, vtok) == 0,
	    "  which moot takes as that list's bounce address");
	vbuf_release(&a);
}

int
main(void)
{
	char		 dir[] = "/tmp/verp_test.XXXXXX", path[64];
	char		 tok[VERP_TOKEN_MAX + 1], bad[VERP_TOKEN_MAX + 1];
	struct verp	 v = { 4242, 987654, 0 }, got;
	struct vbuf	 err;
	FILE		*f;

	base32();
	v.day = verp_day(NOW);
	is_int((int)v.day, 20790, "the day of 2026-12-03");
	ok(verp_token_make(3, &v, tok) == VERP_ERR_KEY, "no key, no token");
	vbuf_init(&err, 1024);
	if (mkdtemp(dir) == NULL)
		return (1);
	(void)snprintf(path, sizeof(path), "%s/secret", dir);
	f = fopen(path, "w");
	fputs("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	    "\n", f);
	fclose(f);
	ok(token_load_key(path, &err) == 0, "the key loads");
	unlink(path);
	rmdir(dir);

	ok(verp_token_make(3, &v, tok) == VERP_OK, "a token: %s", tok);
	ok(strlen(tok) == VERP_TOKEN_CHARS && strspn(tok,
	    "abcdefghijklmnopqrstuvwxyz234567") == strlen(tok),
	    "short lower-case base32 (%zu digits)", strlen(tok));
	ok(strstr(tok, "4242") == NULL, "the member id is not shown as is");
	memset(&got, 0, sizeof(got));
	ok(verp_token_read(tok, 3, NOW + 3600, &got) == VERP_OK &&
	    got.member_id == 4242 && got.spool_id == 987654 &&
	    got.day == v.day, "read back: member, post and day");
	for (size_t i = 0; tok[i] != '\0'; i++)
		bad[i] = (char)(tok[i] >= 'a' ? tok[i] - 32 : tok[i]);
	bad[strlen(tok)] = '\0';
	ok(verp_token_read(bad, 3, NOW, &got) == VERP_OK,
	    "upper case reads the same (relays may change it)");

	is_int(verp_token_read(tok, 4, NOW, &got), VERP_ERR_MAC,
	    "on another list: refused");
	remake(tok, 4243, bad);
	is_int(verp_token_read(bad, 3, NOW, &got), VERP_ERR_MAC,
	    "another member's id with this MAC: refused");
	for (size_t i = 0; tok[i] != '\0'; i++) {
		enum verp_result r;

		alter(tok, i, bad);
		r = verp_token_read(bad, 3, NOW, &got);
		if (r != VERP_ERR_MAC && r != VERP_ERR_FORM) {
			ok(0, "digit %zu altered: read as %s", i,
			    verp_result_why(r));
			break;
		}
		if (tok[i + 1] == '\0')
			ok(1, "every one-digit change is refused");
	}

	is_int(verp_token_read(tok, 3, NOW + 30 * DAY, &got), VERP_OK,
	    "30 days later: still counts");
	is_int(verp_token_read(tok, 3, NOW + VERP_VALID_DAYS * DAY, &got),
	    VERP_OK, "%d days later: still counts", VERP_VALID_DAYS);
	is_int(verp_token_read(tok, 3, NOW + (VERP_VALID_DAYS + 1) * DAY,
	    &got), VERP_ERR_EXPIRED, "%d days later: expired",
	    VERP_VALID_DAYS + 1);
	is_int(verp_token_read(tok, 3, NOW + 62 * DAY, &got),
	    VERP_ERR_EXPIRED, "62 days later: expired");
	is_int(verp_token_read(tok, 3, NOW + 64 * DAY, &got),
	    VERP_ERR_MAC, "the same low bits 64 days on: refused");
	is_int(verp_token_read(tok, 3, NOW - DAY, &got), VERP_OK,
	    "a day early (clocks differ): counts");
	is_int(verp_token_read(tok, 3, NOW - 2 * DAY, &got), VERP_ERR_MAC,
	    "two days early: refused");

	is_int(verp_token_read("", 3, NOW, &got), VERP_ERR_FORM, "empty");
	is_int(verp_token_read("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    3, NOW, &got), VERP_ERR_FORM, "too long");
	is_int(verp_token_read("moderate-token", 3, NOW, &got),
	    VERP_ERR_FORM, "not base32");
	v.member_id = -1;
	is_int(verp_token_make(3, &v, tok), VERP_ERR_FORM,
	    "no token for a negative id");
	v.member_id = VERP_MEMBER_MAX;
	v.spool_id = VERP_SPOOL_MAX;
	ok(verp_token_make(3, &v, tok) == VERP_OK &&
	    strlen(tok) == VERP_TOKEN_CHARS && verp_token_read(tok, 3, NOW,
	    &got) == VERP_OK && got.member_id == VERP_MEMBER_MAX &&
	    got.spool_id == VERP_SPOOL_MAX && got.day == v.day,
	    "the largest ids fit in %d digits, and read back",
	    VERP_TOKEN_CHARS);
	fits_64(tok);
	v.spool_id = 0;
	ok(verp_token_make(3, &v, tok) == VERP_OK &&
	    verp_token_read(tok, 3, NOW, &got) == VERP_OK &&
	    got.member_id == VERP_MEMBER_MAX && got.spool_id == 0,
	    "a probe's token (no post) for the largest member id");
	v.member_id = VERP_MEMBER_MAX + 1;
	is_int(verp_token_make(3, &v, tok), VERP_ERR_RANGE,
	    "a member id past %lld: no token", (long long)VERP_MEMBER_MAX);
	v.member_id = 1;
	v.spool_id = VERP_SPOOL_MAX + 1;
	is_int(verp_token_make(3, &v, tok), VERP_ERR_RANGE,
	    "a spool id past %lld: no token", (long long)VERP_SPOOL_MAX);
	is_int(verp_token_read("aaaaaaaaaaaaaaaaaaaaaaaaaaa", 3, NOW, &got),
	    VERP_ERR_FORM, "a digit too many");
	is_int(verp_token_read("aaaaaaaaaaaaaaaaaaaaaaaaab", 3, NOW, &got),
	    VERP_ERR_FORM, "padding bits not zero: a second spelling");
	vbuf_release(&err);
	return (done_testing());
}
