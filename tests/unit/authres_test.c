/*
 * authres_test - reading Authentication-Results (RFC 8601), aligning
 * with the From: domain, and the gate that tells the MTA's fields from
 * the client's (the members-only rule; threats B3 and the From:
 * forgery rows)
 */
#include <stdlib.h>
#include <string.h>

#include "mail/authres.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"
#include "../tap.h"

#define ID	"mx.lists.example.org"

/* Values as verifiers write them, and as attackers might. */
static const struct {
	const char	*value;
	int		 rc;		/* authres_parse() */
	const char	*servid;
	size_t		 n;
	const char	*method0, *result0, *d0, *i0, *mailfrom0;
} parses[] = {
	{ " " ID "; dkim=pass header.d=one.example header.s=s1",
	    0, ID, 1, "dkim", "pass", "one.example", "", "" },
	{ ID "; none", 0, ID, 0, NULL, NULL, NULL, NULL, NULL },
	{ ID " 1; spf=pass smtp.mailfrom=amira@one.example",
	    0, ID, 1, "spf", "pass", "", "", "amira@one.example" },
	{ ID " (a comment; dkim=pass) ; DKIM = PASS (good sig) "
	    "header.i=@Sub.One.Example", 0, ID, 1, "dkim", "pass", "",
	    "@sub.one.example", "" },
	{ "\"" ID "\"; dkim/1=pass reason=\"a; b = c\" header.d=one.example",
	    0, ID, 1, "dkim", "pass", "one.example", "", "" },
	{ ID ";\r\n\tspf=fail smtp.mailfrom=x@one.example;\r\n\t"
	    "dkim=pass header.d=two.example", 0, ID, 2, "spf", "fail", "",
	    "", "x@one.example" },
	{ ID " (nested (comment) here); dkim=pass header.d=one.example",
	    0, ID, 1, "dkim", "pass", "one.example", "", "" },
	{ ID "; dkim=pass header.d=\"one.example\"",
	    0, ID, 1, "dkim", "pass", "one.example", "", "" },
	/* What must not parse, so that nothing of it is believed. */
	{ ID, -1, NULL, 0, NULL, NULL, NULL, NULL, NULL },
	{ ID " 2; dkim=pass header.d=one.example", -1, NULL, 0, NULL, NULL,
	    NULL, NULL, NULL },
	{ ID "; dkim=pass (open comment header.d=one.example", -1, NULL, 0,
	    NULL, NULL, NULL, NULL, NULL },
	{ ID "; dkim pass", -1, NULL, 0, NULL, NULL, NULL, NULL, NULL },
	{ ID "; dkim=pass header.d", -1, NULL, 0, NULL, NULL, NULL, NULL,
	    NULL },
	{ ID "; dkim=pass; none", -1, NULL, 0, NULL, NULL, NULL, NULL,
	    NULL },
	{ ID "; dkim=\"pass", -1, NULL, 0, NULL, NULL, NULL, NULL, NULL },
	{ "", -1, NULL, 0, NULL, NULL, NULL, NULL, NULL },
};

/* Fields (newline-separated, as stored) and what passes for a domain. */
static const struct {
	const char	*fields;
	const char	*servid;
	const char	*from;
	const char	*want;
} aligns[] = {
	{ ID "; dkim=pass header.d=one.example", ID, "one.example", "dkim" },
	{ ID "; dkim=pass header.d=one.example", "MX.Lists.Example.ORG",
	    "one.example", "dkim" },
	{ ID "; dkim=pass header.d=one.example", ID, "Sub.One.Example",
	    "dkim" },
	{ ID "; dkim=pass header.d=mail.one.example", ID, "one.example",
	    "dkim" },
	{ ID "; dkim=pass header.i=amira@one.example", ID, "one.example",
	    "dkim" },
	{ ID "; dkim=pass header.d=two.example header.i=@one.example", ID,
	    "one.example", NULL },
	{ ID "; dkim=pass header.d=notone.example", ID, "one.example", NULL },
	{ ID "; dkim=pass header.d=example", ID, "one.example", NULL },
	{ ID "; dkim=fail header.d=one.example", ID, "one.example", NULL },
	{ ID "; dkim=pass header.d=other.example", ID, "one.example", NULL },
	{ ID "; spf=pass smtp.mailfrom=bounce@one.example", ID, "one.example",
	    "spf" },
	{ ID "; spf=pass smtp.mailfrom=one.example", ID, "one.example",
	    "spf" },
	{ ID "; spf=softfail smtp.mailfrom=one.example", ID, "one.example",
	    NULL },
	{ ID "; spf=pass smtp.helo=one.example", ID, "one.example", NULL },
	{ "other.example; dkim=pass header.d=one.example", ID, "one.example",
	    NULL },
	{ "other.example; dkim=pass header.d=one.example\n"
	    ID "; spf=pass smtp.mailfrom=x@one.example\n"
	    ID "; dkim=pass header.d=one.example", ID, "one.example", "dkim" },
	{ ID "; spf=pass smtp.mailfrom=x@one.example; dkim=fail "
	    "header.d=one.example", ID, "one.example", "spf" },
	{ ID "; dkim=pass header.d=one.example", "", "one.example", NULL },
	{ ID "; dkim=pass header.d=one.example", NULL, "one.example", NULL },
	{ ID " (dkim=pass header.d=one.example); none", ID, "one.example",
	    NULL },
	{ ID "; dkim=pass header.d=one.example (", ID, "one.example", NULL },
};

/* Header sections in the order received, and what the gate keeps. */
static const struct {
	const char	*header;
	const char	*want;		/* authres_collect()'s out */
	size_t		 forged;
} gates[] = {
	{ "Authentication-Results: " ID "; dkim=pass header.d=one.example\r\n"
	    "From: a@one.example\r\n\r\nbody\r\n",
	    ID "; dkim=pass header.d=one.example", 0 },
	{ "From: a@one.example\r\nAuthentication-Results: " ID
	    "; dkim=pass header.d=one.example\r\n\r\n", "", 1 },
	{ "Authentication-Results: " ID "; spf=pass smtp.mailfrom=one.example"
	    "\r\nReceived-SPF: pass\r\nAuthentication-Results: " ID
	    ";\r\n\tdkim=pass header.d=one.example\r\nReceived: from x\r\n"
	    "Authentication-Results: " ID "; dkim=pass header.d=evil.example"
	    "\r\nAuthentication-Results: other.example; dkim=none\r\n\r\n",
	    ID "; spf=pass smtp.mailfrom=one.example\n"
	    ID ";  \tdkim=pass header.d=one.example\n"
	    "other.example; dkim=none", 1 },
	{ "Subject: hi\r\nauthentication-results: (c) " ID " ; garbage\r\n"
	    "\r\n", "", 1 },
	{ "Subject: hi\r\nAuthentication-Results: other.example; none\r\n",
	    "other.example; none", 0 },
	/* As Postfix's pipe(8) hands it to moot inject (flags FRDO). */
	{ "From a@one.example  Wed Dec  2 17:21:13 2026\n"
	    "Return-Path: <a@one.example>\nDelivered-To: info@lists.example."
	    "org\nX-Original-To: info@lists.example.org\n"
	    "Authentication-Results: " ID "; dkim=pass header.d=one.example\n"
	    "Received: from x\nAuthentication-Results: " ID "; spf=pass "
	    "smtp.mailfrom=one.example\n\nbody\n",
	    ID "; dkim=pass header.d=one.example", 1 },
};

int
main(void)
{
	struct authres_result	 res[AUTHRES_MAX];
	struct vbuf		 out;
	char			 id[AUTHRES_VALUE];
	size_t			 i, n;
	int			 rc;

	for (i = 0; i < nitems(parses); i++) {
		rc = authres_parse(parses[i].value, id, sizeof(id), res,
		    AUTHRES_MAX, &n);
		is_int(rc, parses[i].rc, "parse %zu: %s", i,
		    parses[i].rc == 0 ? "read" : "refused");
		if (rc != 0 || parses[i].rc != 0)
			continue;
		is_str(id, parses[i].servid, "  its authserv-id");
		is_int((int)n, (int)parses[i].n, "  its resinfo");
		if (n == 0)
			continue;
		is_str(res[0].method, parses[i].method0, "  method");
		is_str(res[0].result, parses[i].result0, "  result");
		is_str(res[0].header_d, parses[i].d0, "  header.d");
		is_str(res[0].header_i, parses[i].i0, "  header.i");
		is_str(res[0].smtp_mailfrom, parses[i].mailfrom0,
		    "  smtp.mailfrom");
	}
	for (i = 0; i < nitems(aligns); i++)
		is_str(authres_aligned(aligns[i].fields, aligns[i].servid,
		    aligns[i].from), aligns[i].want, "aligned %zu: for %s: %s", i,
		    aligns[i].from, aligns[i].want ? aligns[i].want : "none");
	ok(authres_align("one.example", "ONE.example."),
	    "align: case and a final dot do not matter");
	ok(!authres_align("com", "one.com"), "align: a bare top-level name "
	    "aligns with nothing");
	for (i = 0; i < nitems(gates); i++) {
		vbuf_init(&out, VBUF_NOMAX);
		n = authres_collect(gates[i].header, strlen(gates[i].header),
		    ID, &out);
		is_str(vbuf_str(&out), gates[i].want, "gate %zu: what is "
		    "stored", i);
		is_int((int)n, (int)gates[i].forged, "gate %zu: forged", i);
		vbuf_release(&out);
	}
	vbuf_init(&out, VBUF_NOMAX);
	n = authres_collect(gates[0].header, strlen(gates[0].header), "",
	    &out);
	is_int((int)n, 0, "no authserv_id: nothing is ours, nothing forged");
	vbuf_release(&out);
	return (done_testing());
}
