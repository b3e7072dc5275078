/*
 * dmarc.c - the DMARC policy a mail domain publishes; see dmarc.h
 *
 * The cache is one table for the process behind one mutex, as the
 * milter's threads and mootd may both ask; the Public Suffix List is
 * loaded once (pthread_once) and only read after.  libpsl's
 * psl_latest() takes the system's list (Debian's publicsuffix package)
 * when it is newer than the one built into the library.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libpsl.h>

#include "mail/dmarc.h"
#include "util/clock.h"
#include "util/dns.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DMARC_CACHE_SIZE	256	/* domains remembered */
#define DMARC_TTL_MIN		60	/* a record's TTL, raised to this */

/* dmarc_policy_name - see dmarc.h */
const char *
dmarc_policy_name(enum dmarc_policy p)
{
	static const char *const names[] = {
		[DMARC_NONE] = "none", [DMARC_QUARANTINE] = "quarantine",
		[DMARC_REJECT] = "reject", [DMARC_UNKNOWN] = "unknown",
	};

	return ((size_t)p < nitems(names) ? names[p] : "unknown");
}

/* The policies a p= or sp= tag may name (RFC 7489 section 6.3). */
static const struct {
	const char		*word;
	enum dmarc_policy	 policy;
} policy_words[] = {
	{ "none", DMARC_NONE },
	{ "quarantine", DMARC_QUARANTINE },
	{ "reject", DMARC_REJECT },
};

/* trim - [*b, *e) without white space at either end */
static void
trim(const char **b, const char **e)
{
	while (*b < *e && strchr(" \t\r\n", **b) != NULL && **b != '\0')
		(*b)++;
	while (*e > *b && strchr(" \t\r\n", (*e)[-1]) != NULL &&
	    (*e)[-1] != '\0')
		(*e)--;
}

/* policy_word - the policy v[0..n) names, case-insensitively (ABNF
 * strings are); -1 if it names none */
static int
policy_word(const char *v, size_t n)
{
	for (size_t i = 0; i < nitems(policy_words); i++)
		if (strlen(policy_words[i].word) == n &&
		    strncasecmp(v, policy_words[i].word, n) == 0)
			return ((int)policy_words[i].policy);
	return (-1);
}

/* is_tag - the tag name [b, e) is name, case-insensitively */
static int
is_tag(const char *b, const char *e, const char *name)
{
	return ((size_t)(e - b) == strlen(name) &&
	    strncasecmp(b, name, (size_t)(e - b)) == 0);
}

/* dmarc_parse - see dmarc.h */
int
dmarc_parse(const char *rec, size_t len, struct dmarc_record *r)
{
	const char	*p = rec, *end = rec + len;
	int		 first = 1, done = 0, pw = -1, spw = -1, has_sp = 0;

	while (!done) {
		const char	*semi = memchr(p, ';', (size_t)(end - p));
		const char	*tb = p, *te = semi != NULL ? semi : end;
		const char	*eq, *nb, *ne, *vb, *ve;

		done = semi == NULL;
		p = semi != NULL ? semi + 1 : end;
		trim(&tb, &te);
		eq = tb < te ? memchr(tb, '=', (size_t)(te - tb)) : NULL;
		if (eq == NULL) {
			if (first)
				return (0);	/* v= is not first */
			continue;		/* "p=reject;" ends in ; */
		}
		nb = tb;
		ne = eq;
		vb = eq + 1;
		ve = te;
		trim(&nb, &ne);
		trim(&vb, &ve);
		if (first) {
			/* "DMARC1" is case-sensitive (%x44.4d.41.52.43.31) */
			if (!is_tag(nb, ne, "v") || ve - vb != 6 ||
			    memcmp(vb, "DMARC1", 6) != 0)
				return (0);
			first = 0;
		} else if (is_tag(nb, ne, "p") && pw == -1)
			pw = policy_word(vb, (size_t)(ve - vb));
		else if (is_tag(nb, ne, "sp") && !has_sp) {
			has_sp = 1;
			spw = policy_word(vb, (size_t)(ve - vb));
		}
	}
	if (first)
		return (0);
	/* Section 6.6.3 step 6: an invalid p or sp is p=none. */
	if (pw == -1 || (has_sp && spw == -1))
		pw = spw = DMARC_NONE;
	r->p = (enum dmarc_policy)pw;
	r->sp = (enum dmarc_policy)(has_sp ? spw : pw);
	return (1);
}

/* The cache: a slot per domain, the soonest to expire reused first. */
struct cache_slot {
	char			 domain[DMARC_DOMAIN_MAX];
	struct dmarc_result	 r;
	time_t			 expires;	/* 0: empty */
};
static struct cache_slot cache[DMARC_CACHE_SIZE];	/* cache_lock */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* cache_get - 1 and *r if domain's result is there and fresh */
static int
cache_get(const char *domain, time_t now, struct dmarc_result *r)
{
	int	found = 0;

	if (pthread_mutex_lock(&cache_lock) != 0)
		return (0);
	for (size_t i = 0; i < nitems(cache) && !found; i++)
		if (cache[i].expires > now &&
		    strcmp(cache[i].domain, domain) == 0) {
			*r = cache[i].r;
			found = 1;
		}
	(void)pthread_mutex_unlock(&cache_lock);
	return (found);
}

/* cache_put - keep domain's result for ttl seconds */
static void
cache_put(const char *domain, const struct dmarc_result *r, time_t now,
    time_t ttl)
{
	size_t	at = 0;

	if (pthread_mutex_lock(&cache_lock) != 0)
		return;
	for (size_t i = 0; i < nitems(cache); i++) {
		if (strcmp(cache[i].domain, domain) == 0) {
			at = i;
			break;
		}
		if (cache[i].expires < cache[at].expires)
			at = i;
	}
	(void)snprintf(cache[at].domain, sizeof(cache[at].domain), "%s",
	    domain);
	cache[at].r = *r;
	cache[at].expires = now + ttl;
	(void)pthread_mutex_unlock(&cache_lock);
}

static pthread_once_t	 psl_once = PTHREAD_ONCE_INIT;
static const psl_ctx_t	*psl;		/* set once by psl_load */

static void
psl_load(void)
{
	const psl_ctx_t	*l = psl_latest(NULL);

	psl = l != NULL ? l : psl_builtin();
}

/* org_domain - the organisational domain of domain (RFC 7489 section
 * 3.2), or NULL if the list has none for it (a public suffix) */
static const char *
org_domain(const char *domain)
{
	if (pthread_once(&psl_once, psl_load) != 0 || psl == NULL)
		return (NULL);
	return (psl_registrable_domain(psl, domain));
}

/* The DMARC records among the TXT records of one name. */
struct found {
	struct dmarc_record	 rec;		/* the first */
	int			 n;
};

static int
found_one(const char *rec, size_t len, void *arg)
{
	struct found		*f = arg;
	struct dmarc_record	 r;

	if (dmarc_parse(rec, len, &r) && f->n++ == 0)
		f->rec = r;
	return (0);
}

/*
 * ask - the DMARC records of _dmarc.domain, waiting seconds at most:
 * their number (the first in *f), or -1 with r's policy unknown
 */
static int
ask(const struct dns_conf *dc, const char *domain, int seconds,
    struct found *f, uint32_t *ttl, struct dmarc_result *r)
{
	struct dns_conf	 one = *dc;
	struct vbuf	 name, why;
	enum dns_status	 st;

	memset(f, 0, sizeof(*f));
	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&why, sizeof(r->why));
	vbuf_printf(&name, "_dmarc.%s", domain);
	one.timeout = seconds;
	st = dns_txt(&one, vbuf_str(&name), found_one, f, ttl, &why);
	if (st == DNS_TIMEOUT || st == DNS_FAIL) {
		r->policy = DMARC_UNKNOWN;
		r->dns = st;
		(void)snprintf(r->why, sizeof(r->why), "%s: %s",
		    vbuf_str(&name), vbuf_str(&why));
	}
	vbuf_release(&name);
	vbuf_release(&why);
	return (st == DNS_TIMEOUT || st == DNS_FAIL ? -1 : f->n);
}

/*
 * seconds_left - the whole seconds of timeout left since t0: the time
 * gone is rounded up, so that a first query answered in a millisecond
 * leaves timeout - 1 and the two together stay within timeout (with 1,
 * the second is not asked); 0 when none are
 */
static int
seconds_left(int timeout, const struct timespec *t0)
{
	struct timespec	now;
	int64_t		ns, gone;

	if (clock_gettime(CLOCK_MONOTONIC, &now) == -1)
		return (0);
	ns = (int64_t)(now.tv_sec - t0->tv_sec) * 1000000000 +
	    (now.tv_nsec - t0->tv_nsec);
	gone = ns <= 0 ? 0 : (ns + 999999999) / 1000000000;
	return (gone >= timeout ? 0 : (int)(timeout - gone));
}

/*
 * discover - section 6.6.3 for domain (lower case, ASCII) into r; the
 * seconds the result may be kept into *ttl
 */
static void
discover(const struct dns_conf *dc, const char *domain,
    struct dmarc_result *r, time_t *keep)
{
	struct timespec	 t0;
	struct found	 f;
	uint32_t	 ttl = 0;
	const char	*org;
	int		 n, left;

	*keep = DMARC_CACHE_TTL;
	if (clock_gettime(CLOCK_MONOTONIC, &t0) == -1)
		memset(&t0, 0, sizeof(t0));
	n = ask(dc, domain, dc->timeout, &f, &ttl, r);
	if (n == 1) {
		r->policy = f.rec.p;
		(void)snprintf(r->at, sizeof(r->at), "%s", domain);
	} else if (n == 0 && (org = org_domain(domain)) != NULL &&
	    strcmp(org, domain) != 0) {
		if ((left = seconds_left(dc->timeout, &t0)) < 1) {
			r->policy = DMARC_UNKNOWN;
			r->dns = DNS_TIMEOUT;
			(void)snprintf(r->why, sizeof(r->why), "no time left "
			    "to ask for _dmarc.%s", org);
		} else if ((n = ask(dc, org, left, &f, &ttl, r)) == 1) {
			/* The From: domain is a subdomain of org. */
			r->policy = f.rec.sp;
			(void)snprintf(r->at, sizeof(r->at), "%s", org);
		}
	}
	/* Several records, or none: no DMARC (step 5). */
	if (r->policy == DMARC_UNKNOWN)
		*keep = DMARC_FAILURE_TTL;
	else if (r->at[0] != '\0')
		*keep = ttl < DMARC_TTL_MIN ? DMARC_TTL_MIN :
		    ttl > DMARC_CACHE_TTL ? DMARC_CACHE_TTL : (time_t)ttl;
}

/*
 * domain_read - domain in lower case, without a final dot, into buf;
 * -1 for an address literal or a name no policy can be found for
 * (DMARC_NONE), -2 for a name that is not ASCII (DMARC_UNKNOWN)
 */
static int
domain_read(const char *domain, char *buf, size_t size)
{
	size_t	n = strlen(domain);

	if (n > 0 && domain[n - 1] == '.')
		n--;
	if (n == 0 || n >= size || domain[0] == '[')
		return (-1);
	for (size_t i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)domain[i];

		if (c >= 0x80)
			return (-2);
		if (!isalnum(c) && c != '-' && c != '.' && c != '_')
			return (-1);
		buf[i] = (char)tolower(c);
	}
	buf[n] = '\0';
	return (0);
}

/* dmarc_lookup - see dmarc.h */
void
dmarc_lookup(const struct dns_conf *dc, const char *domain,
    struct dmarc_result *r)
{
	char	d[DMARC_DOMAIN_MAX];
	time_t	now = clock_now(), keep;
	int	rc;

	memset(r, 0, sizeof(*r));
	r->policy = DMARC_NONE;
	r->dns = DNS_OK;
	if ((rc = domain_read(domain, d, sizeof(d))) == -2) {
		r->policy = DMARC_UNKNOWN;
		r->dns = DNS_FAIL;
		(void)snprintf(r->why, sizeof(r->why), "the domain is not "
		    "ASCII");
		return;
	}
	if (rc == -1)
		return;
	if (cache_get(d, now, r)) {
		r->cached = 1;
		return;
	}
	discover(dc, d, r, &keep);
	cache_put(d, r, now, keep);
}
