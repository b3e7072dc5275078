/*
 * dns.h - TXT records from DNS, with a wait that has an end
 *
 * Owns: one TXT query through glibc's resolver (res_nquery on a
 * resolver state of the call's own, so threads may share nothing),
 * sent to the server the caller names or to those of
 * /etc/resolv.conf, with retries and timeouts set so that the whole
 * query takes at most the seconds given; reading the answer with
 * ns_initparse()/ns_parserr(), each record's strings joined as RFC
 * 7208 section 3.3 and RFC 7489 section 6.6.3 say.  No DNS packet is
 * written or read by hand.  Never logs: the caller says what the
 * status and the reason in why mean.
 */
#ifndef DNS_H
#define DNS_H

#include <stddef.h>
#include <stdint.h>

struct vbuf;

#define DNS_TXT_MAX	(64 * 1024)	/* one record's joined strings */

/* Where to ask, and for how long. */
struct dns_conf {
	const char	*server;	/* "ADDR[:PORT]" (IPv4), "ADDR" or
					 * "[ADDR]:PORT" (IPv6); NULL: the
					 * system's servers */
	int		 timeout;	/* seconds for the whole query, >= 1 */
};

enum dns_status {
	DNS_OK,			/* an answer with TXT records */
	DNS_NONE,		/* the name, or its TXT records, do not
				 * exist (NXDOMAIN or NODATA) */
	DNS_TIMEOUT,		/* no answer within the time given */
	DNS_FAIL,		/* a server failure or refusal, a
				 * truncated answer or one that does not
				 * parse, a name that is not ASCII */
};

/*
 * dns_txt_each - called for each TXT record of the answer, its strings
 * joined into rec[0..len) (NUL-terminated after len; rec may hold
 * NULs); non-zero stops the walk
 */
typedef int	(*dns_txt_each)(const char *rec, size_t len, void *arg);

/*
 * dns_txt - ask for the TXT records of name; on DNS_OK each record
 * went to each (a record longer than DNS_TXT_MAX is DNS_FAIL) and
 * *ttl is the smallest TTL among them.  Else why says what happened,
 * in a few words.
 */
enum dns_status dns_txt(const struct dns_conf *, const char *name,
	    dns_txt_each each, void *arg, uint32_t *ttl, struct vbuf *why);

/* dns_status_name - "ok", "none", "timed out", "failed" */
const char *dns_status_name(enum dns_status);

/* dns_server_valid - 1 if s is "ADDR" or "ADDR:PORT", ADDR an IPv4
 * address in dotted form, or "ADDR" or "[ADDR]:PORT", ADDR an IPv6
 * address (with glibc only: dns.c), PORT from 1 to 65535 */
int	dns_server_valid(const char *s);

#endif /* DNS_H */
