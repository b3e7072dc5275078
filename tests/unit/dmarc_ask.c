/*
 * dmarc_ask - tests/dmarc.sh's reader of mail/dmarc.h's discovery,
 * against the test's own DNS server:
 *
 *	dmarc_ask SERVER TIMEOUT DOMAIN...
 *
 * (SERVER "system": those of /etc/resolv.conf)
 * prints "DOMAIN POLICY AT STATUS CACHED WHY" for each domain in turn
 * (AT "-" when no record gave the policy, WHY "-" when nothing went
 * wrong), in one process, so that a domain named twice shows the
 * cache; exit 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/dmarc.h"
#include "util/dns.h"
#include "util/sys_defs.h"

int
main(int argc, char **argv)
{
	struct dns_conf		dc;
	struct dmarc_result	r;

	if (argc < 4) {
		fprintf(stderr, "usage: dmarc_ask SERVER TIMEOUT DOMAIN...\n");
		return (2);
	}
	dc.server = strcmp(argv[1], "system") == 0 ? NULL : argv[1];
	dc.timeout = atoi(argv[2]);
	for (int i = 3; i < argc; i++) {
		dmarc_lookup(&dc, argv[i], &r);
		printf("%s %s %s %s %d %s\n", argv[i],
		    dmarc_policy_name(r.policy), r.at[0] != '\0' ? r.at : "-",
		    dns_status_name(r.dns), r.cached,
		    r.why[0] != '\0' ? r.why : "-");
	}
	return (0);
}
