/*
 * dmarc_test - reading DMARC records (RFC 7489 sections 6.3, 6.4 and
 * 6.6.3): which TXT records are DMARC records, and the p and sp they
 * give; and that a lookup never asks DNS for what cannot have a policy
 */
#include <string.h>

#include "mail/dmarc.h"
#include "util/sys_defs.h"
#include "../tap.h"

#define N	DMARC_NONE
#define Q	DMARC_QUARANTINE
#define R	DMARC_REJECT

static const struct {
	const char		*rec;
	int			 is;	/* dmarc_parse() */
	enum dmarc_policy	 p, sp;
} cases[] = {
	{ "v=DMARC1; p=reject", 1, R, R },
	{ "v=DMARC1;p=quarantine", 1, Q, Q },
	{ "v=DMARC1; p=none; rua=mailto:d@example.com", 1, N, N },
	{ "v=DMARC1; p=reject; sp=none", 1, R, N },
	{ "v=DMARC1; p=none; sp=quarantine;", 1, N, Q },
	{ "v = DMARC1 ;\tp = Reject ; pct=50", 1, R, R },
	{ "  v=DMARC1; P=QUARANTINE", 1, Q, Q },
	/* the first p counts, and a later one does not undo it */
	{ "v=DMARC1; p=reject; p=none", 1, R, R },
	/* step 6: no valid p, or an invalid sp, is p=none */
	{ "v=DMARC1", 1, N, N },
	{ "v=DMARC1; rua=mailto:d@example.com", 1, N, N },
	{ "v=DMARC1; p=rejected", 1, N, N },
	{ "v=DMARC1; p=reject; sp=maybe", 1, N, N },
	{ "v=DMARC1; p=", 1, N, N },
	/* not DMARC records: other TXT records of the name */
	{ "v=spf1 -all", 0, N, N },
	{ "p=reject; v=DMARC1", 0, N, N },
	{ "v=DMARC2; p=reject", 0, N, N },
	{ "v=dmarc1; p=reject", 0, N, N },
	{ "v=DMARC1x; p=reject", 0, N, N },
	{ "", 0, N, N },
	{ ";", 0, N, N },
	{ "google-site-verification=abc", 0, N, N },
};

static void
test_parse(void)
{
	for (size_t i = 0; i < nitems(cases); i++) {
		struct dmarc_record	r = { DMARC_UNKNOWN, DMARC_UNKNOWN };
		int			is;

		is = dmarc_parse(cases[i].rec, strlen(cases[i].rec), &r);
		is_int(is, cases[i].is, "\"%s\" is%s a DMARC record",
		    cases[i].rec, cases[i].is ? "" : " not");
		if (cases[i].is && is)
			ok(r.p == cases[i].p && r.sp == cases[i].sp,
			    "\"%s\": p=%s sp=%s", cases[i].rec,
			    dmarc_policy_name(r.p), dmarc_policy_name(r.sp));
	}
}

/* A record with a NUL in it: read by length, not as a C string. */
static void
test_nul(void)
{
	static const char	rec[] = "v=DMARC1; p=reject\0; p=none";
	struct dmarc_record	r;

	ok(dmarc_parse(rec, sizeof(rec) - 1, &r) == 1 && r.p == DMARC_NONE,
	    "a NUL inside a value makes it no policy");
	ok(dmarc_parse(rec, 18, &r) == 1 && r.p == DMARC_REJECT,
	    "the length given is where the record ends");
}

/* Names that no DNS query is made for: the server given does not
 * exist, so a query would say "failed" rather than these. */
static void
test_no_query(void)
{
	struct dns_conf		dc = { "127.0.0.1:9", 1 };
	struct dmarc_result	r;

	dmarc_lookup(&dc, "[192.0.2.1]", &r);
	ok(r.policy == DMARC_NONE && r.dns == DNS_OK,
	    "an address literal has no policy, and asks nothing");
	dmarc_lookup(&dc, "b\xc3\xbc" "cher.example", &r);
	ok(r.policy == DMARC_UNKNOWN && r.dns == DNS_FAIL &&
	    strstr(r.why, "ASCII") != NULL,
	    "a name that is not ASCII is unknown (%s)", r.why);
}

int
main(void)
{
	test_parse();
	test_nul();
	test_no_query();
	return (done_testing());
}
