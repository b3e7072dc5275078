/*
 * dmarc.h - the DMARC policy a mail domain publishes (RFC 7489)
 *
 * Owns: reading a DMARC record (its v, p and sp tags: dmarc_parse),
 * policy discovery as section 6.6.3 says it (the TXT records of
 * _dmarc.DOMAIN, else of _dmarc.ORG, ORG the organisational domain
 * that the Public Suffix List gives through libpsl, whose sp= then
 * applies), within one wait for the whole discovery, and a small cache
 * of what was found, per domain, shared by threads behind one lock.
 * Not: what a list does about a policy (mootd/rewrite.h).  Never logs:
 * the caller says what the result means.
 */
#ifndef DMARC_H
#define DMARC_H

#include <stddef.h>

#include "util/dns.h"

#define DMARC_DOMAIN_MAX	254	/* a domain name, with its NUL */

enum dmarc_policy {
	DMARC_NONE,		/* p=none, no record, or none usable */
	DMARC_QUARANTINE,	/* p=quarantine */
	DMARC_REJECT,		/* p=reject */
	DMARC_UNKNOWN,		/* the lookup failed or timed out */
};

/* One DMARC record, as far as moot reads it. */
struct dmarc_record {
	enum dmarc_policy p;	/* the domain's: NONE, QUARANTINE, REJECT */
	enum dmarc_policy sp;	/* its subdomains': p when not given */
};

/*
 * dmarc_parse - rec[0..len) as a DMARC record: 1, and *r, if its first
 * tag is v=DMARC1; 0 if it is not a DMARC record (other TXT records of
 * the name, which discovery leaves out).  A record whose p is missing
 * or not a policy is read as p=none, which is what section 6.6.3 step
 * 6 comes to for a list (whether or not rua= is there); an sp that is
 * not a policy is the same as none given.
 */
int	dmarc_parse(const char *rec, size_t len, struct dmarc_record *r);

/* What discovery found for a domain. */
struct dmarc_result {
	enum dmarc_policy policy;
	enum dns_status	 dns;		/* of the query that decided it:
					 * DNS_TIMEOUT or DNS_FAIL when the
					 * policy is DMARC_UNKNOWN */
	char		 at[DMARC_DOMAIN_MAX]; /* the domain whose record
					 * gave the policy; "" if none */
	int		 cached;	/* 1: from the cache, no query */
	char		 why[128];	/* DMARC_UNKNOWN: what went wrong */
};

/*
 * dmarc_lookup - the policy for mail whose From: domain is domain,
 * waiting dc->timeout seconds at most for the whole discovery (both
 * queries: the organisational domain's gets what the first left, in
 * whole seconds, as glibc's resolver counts, the time gone rounded up;
 * none left is a timeout).  Found policies and their absence are kept
 * for their TTL, an hour at most; failures for DMARC_FAILURE_TTL seconds, so a
 * server that does not answer costs one wait, not one a post.  A
 * domain that is not ASCII is DMARC_UNKNOWN (it would need its
 * A-labels); an address literal has no policy.
 */
#define DMARC_CACHE_TTL		3600
#define DMARC_FAILURE_TTL	300
void	dmarc_lookup(const struct dns_conf *dc, const char *domain,
	    struct dmarc_result *r);

/* dmarc_policy_name - "none", "quarantine", "reject", "unknown" */
const char *dmarc_policy_name(enum dmarc_policy);

#endif /* DMARC_H */
