/* addr_test - address checks (threat E2, E6) and moot's address scheme */
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "global/conf.h"
#include "util/vbuf.h"
#include "../tap.h"

static const struct {
	const char	*addr;
	int		 good;
	const char	*why;		/* part of the reason when refused */
} checks[] = {
	{ "amira@one.example", 1, NULL },
	{ "first.last+tag@sub.two.example", 1, NULL },
	{ "o'brien@three.example", 1, NULL },
	{ "a\nb@x.example", 0, "control" },
	{ "a\rb@x.example", 0, "control" },
	{ "\"a b\"@x.example", 0, "spaces" },
	{ "a b@x.example", 0, "spaces" },
	{ "j\xc3\xb6ran@x.example", 0, "SMTPUTF8" },
	{ "nobody", 0, "name@domain" },
	{ "@x.example", 0, "name@domain" },
	{ "a@", 0, "name@domain" },
	{ ".a@x.example", 0, "dot" },
	{ "a.@x.example", 0, "dot" },
	{ "a@localhost", 0, "full domain" },
	{ "a@x..example", 0, "full domain" },
	{ "a@x_y.example", 0, "not allowed" },
	{ "a@[192.0.2.1]", 0, "not allowed" },
};

static const struct {
	const char		*rcpt;
	enum listaddr_result	 want;
	const char		*list;
	enum listaddr_kind		 kind;
	const char		*token;
} routes[] = {
	{ "info@lists.example.org", LISTADDR_OK, "info", AK_POST, "" },
	{ "<INFO@Lists.Example.ORG>", LISTADDR_OK, "info", AK_POST, "" },
	{ "info-request@lists.example.org", LISTADDR_OK, "info", AK_REQUEST, "" },
	{ "tf-housing-owner@lists.example.org", LISTADDR_OK, "tf-housing",
	    AK_OWNER, "" },
	{ "tf-housing@lists.example.org", LISTADDR_OK, "tf-housing", AK_POST, "" },
	{ "ops-moderate+abcdefghijklmnopqrstuvwxyz@lists.example.org",
	    LISTADDR_OK, "ops", AK_MODERATE, "abcdefghijklmnopqrstuvwxyz" },
	{ "ops-confirm+ABCDEF@lists.example.org", LISTADDR_OK, "ops", AK_CONFIRM,
	    "abcdef" },
	{ "ops-bounces@lists.example.org", LISTADDR_OK, "ops", AK_BOUNCES, "" },
	{ "ops-bounces+abc@lists.example.org", LISTADDR_OK, "ops", AK_BOUNCES,
	    "abc" },
	{ "strategy-agenda@lists.example.org", LISTADDR_OK, "strategy", AK_AGENDA,
	    "" },
	{ "ops-meeting+ABCDEFGHIJKLMNOPQRSTUVWXYZ@lists.example.org",
	    LISTADDR_OK, "ops", AK_MEETING, "abcdefghijklmnopqrstuvwxyz" },
	{ "ops-meeting@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "ops-confirm@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "ops+x@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "ops-moderate+a.b@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "-request@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "Bad_Name@lists.example.org", LISTADDR_BAD, NULL, 0, NULL },
	{ "info@other.example", LISTADDR_FOREIGN, NULL, 0, NULL },
	{ "info@sub.lists.example.org", LISTADDR_FOREIGN, NULL, 0, NULL },
	{ "<info@lists.example.org", LISTADDR_FOREIGN, NULL, 0, NULL },
};

int
main(void)
{
	struct conf	 c;
	struct vbuf	 why, b;
	struct listaddr	 r;
	size_t		 i;
	const char	*name28 = "abcdefghijklmnopqrstuvwxyz12";
	char		 token[27];

	vbuf_init(&why, 1024);
	vbuf_init(&b, 1024);
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		vbuf_reset(&why);
		if (checks[i].good)
			ok(addr_check(checks[i].addr, &why) == 0, "accepted: %s",
			    checks[i].addr);
		else {
			ok(addr_check(checks[i].addr, &why) == -1,
			    "refused: address %zu", i);
			has_str(vbuf_str(&why), checks[i].why, "with a reason");
		}
	}
	{
		char	longaddr[320];

		memset(longaddr, 'a', 290);
		strcpy(longaddr + 290, "@x.example");
		vbuf_reset(&why);
		ok(addr_check(longaddr, &why) == -1 &&
		    strstr(vbuf_str(&why), "longer than 254") != NULL,
		    "a 300-octet address is refused");
		memset(longaddr, 'a', 65);
		strcpy(longaddr + 65, "@x.example");
		vbuf_reset(&why);
		ok(addr_check(longaddr, &why) == -1, "a 65-octet local part "
		    "is refused");
	}
	{
		char	*a = addr_canon_new("<Amira@One.Example>");

		is_str(a, "amira@one.example", "canonical form");
		free(a);
	}
	{
		/* Threat B7: sub-addresses share their mailbox's caps. */
		struct addr_mailbox	mb;

		ok(addr_mailbox("Victim+1@Six.Example", '-', &mb) == 0,
		    "a mailbox: an address with a sub-address");
		is_str(mb.base, "victim", "  its base, less +1, in lower case");
		is_str(mb.at_domain, "@six.example", "  its domain");
		is_str(mb.delim, "-", "  the delimiter, as text");
		ok(addr_mailbox("victim-a+b@six.example", '-', &mb) == 0 &&
		    strcmp(mb.base, "victim") == 0,
		    "  the configured delimiter too, from the first of either");
		ok(addr_mailbox("victim@six.example", '+', &mb) == 0 &&
		    strcmp(mb.base, "victim") == 0, "  none: the local part");
		ok(addr_mailbox("+x@six.example", '+', &mb) == 0 &&
		    strcmp(mb.base, "") == 0, "  a sub-address alone: none");
		ok(addr_mailbox("not an address", '+', &mb) == -1,
		    "  an address moot cannot use has none");
	}

	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	c.delimiter = '+';
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		enum listaddr_result got = listaddr_route(&c, routes[i].rcpt, &r);

		is_int(got, routes[i].want, "route %s", routes[i].rcpt);
		if (got == LISTADDR_OK && routes[i].want == LISTADDR_OK) {
			is_str(r.list, routes[i].list, "  its list");
			is_int(r.kind, routes[i].kind, "  its kind");
			is_str(r.token, routes[i].token, "  its token");
		}
	}

	/* Threat B1: 28-octet names fit every address in 64 octets. */
	vbuf_reset(&why);
	ok(listaddr_name_check(name28, &why) == 0, "a 28-octet name is fine");
	vbuf_reset(&why);
	ok(listaddr_name_check("abcdefghijklmnopqrstuvwxyz123", &why) == -1,
	    "a 29-octet name is refused");
	memset(token, 'a', 26);
	token[26] = '\0';
	for (i = 0; i < AK_COUNT; i++) {
		vbuf_reset(&b);
		listaddr_format(&b, &c, name28, i, i == AK_CONFIRM ||
		    i == AK_MODERATE || i == AK_BOUNCES || i == AK_LEAVE ||
		    i == AK_MEETING || i == AK_REVIEW ||
		    i == AK_VOTE ?
		    token : NULL);
		ok(strchr(vbuf_str(&b), '@') - vbuf_str(&b) <= 64,
		    "%s address of a 28-octet list fits 64 octets",
		    listaddr_kind_name(i));
		ok(listaddr_route(&c, vbuf_str(&b), &r) == LISTADDR_OK &&
		    r.kind == (enum listaddr_kind)i && strcmp(r.list, name28) == 0,
		    "  and routes back to it");
	}
	vbuf_reset(&why);
	ok(listaddr_name_check("ops-request", &why) == -1 &&
	    strstr(vbuf_str(&why), "-request") != NULL, "a reserved ending "
	    "is refused");
	vbuf_reset(&why);
	ok(listaddr_name_check("Ops", &why) == -1, "upper case is refused");
	vbuf_reset(&why);
	ok(listaddr_name_check("-ops", &why) == -1, "a leading - is refused");
	vbuf_release(&why);
	vbuf_release(&b);
	return (done_testing());
}
