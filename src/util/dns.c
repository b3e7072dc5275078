/*
 * dns.c - TXT records from DNS, with a wait that has an end; see dns.h
 *
 * glibc's resolver waits, for the server numbered i of n, retrans << i
 * seconds, divided by n when i > 0 (send_dg() in resolv/res_send.c),
 * and tries them all retry times.  With retry 1 and retrans the time
 * given divided by n, the waits add up to n * retrans at most, so the
 * time given (n is at most MAXNS, 3, and is cut to the seconds given
 * so that each wait is a second at least).  Two things would wait
 * longer: a truncated answer makes glibc ask again over TCP, whose
 * connect and reads have no timeout, so RES_IGNTC keeps the truncated
 * answer and we refuse it; and a query over 512 bytes goes by TCP too,
 * which a TXT query for a name of at most 253 bytes never is.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "util/dns.h"
#include "util/dns_server.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DNS_ANSWER_MAX	4096	/* EDNS0 asks for 1200 at most: room */
#define DNS_NAME_MAX	253	/* RFC 1035: 255 octets on the wire */

/* dns_status_name - see dns.h */
const char *
dns_status_name(enum dns_status s)
{
	static const char *const names[] = {
		[DNS_OK] = "ok", [DNS_NONE] = "none",
		[DNS_TIMEOUT] = "timed out", [DNS_FAIL] = "failed",
	};

	return ((size_t)s < nitems(names) ? names[s] : "failed");
}

/*
 * servers_keep - the first n of rs's servers alone.  res_nclose() frees
 * the IPv6 addresses of the servers it counts only, so those cut off
 * are freed here.
 */
static void
servers_keep(struct __res_state *rs, int n)
{
	for (int i = n; i < rs->nscount && i < MAXNS; i++) {
		free(rs->_u._ext.nsaddrs[i]);
		rs->_u._ext.nsaddrs[i] = NULL;
	}
	rs->nscount = n;
}

/*
 * server_set - a as rs's one server; -1 if it cannot be.  IPv4 goes
 * in nsaddr_list[0], as resolv.h has it.  glibc has no call that sets
 * an IPv6 one: it reads a server's address from _u._ext.nsaddrs[i]
 * when nsaddr_list[i].sin_family is 0 (__res_get_nsaddr(), since 2.22,
 * 2015), and res_nclose() frees that with free(), so it is allocated
 * with xcalloc(), whose memory free() takes, and left to glibc.  The
 * older nsmap and nscount6 are set as glibc before 2.22 wants them;
 * later ones ignore them.  This leans on glibc's private fields, which
 * is why it is here alone: a C library without them (not __GLIBC__)
 * takes IPv4 servers only.
 */
static int
server_set(struct __res_state *rs, const union ns_addr *a)
{
	servers_keep(rs, 1);
	if (a->v4.sin_family == AF_INET) {
		rs->nsaddr_list[0] = a->v4;
		return (0);
	}
#ifdef __GLIBC__
	if (rs->_u._ext.nsaddrs[0] == NULL)
		rs->_u._ext.nsaddrs[0] = xcalloc(1, sizeof(a->v6));
	*rs->_u._ext.nsaddrs[0] = a->v6;
	memset(&rs->nsaddr_list[0], 0, sizeof(rs->nsaddr_list[0]));
	rs->_u._ext.nsmap[0] = MAXNS + 1;
	rs->_u._ext.nscount6 = 1;
	return (0);
#else
	return (-1);
#endif
}

/* name_ok - a name we may ask for: ASCII, no spaces or controls, not
 * too long (an internationalised name would need its A-labels first) */
static int
name_ok(const char *name)
{
	size_t	n = strlen(name);

	if (n == 0 || n > DNS_NAME_MAX + 1)
		return (0);
	for (size_t i = 0; i < n; i++)
		if (name[i] <= ' ' || (unsigned char)name[i] >= 0x7f)
			return (0);
	return (1);
}

/*
 * setup - the server, and the waits of the header comment; *budget
 * becomes the seconds glibc may wait in all.  -1 with why if the
 * server is not one.
 */
static int
setup(struct __res_state *rs, const struct dns_conf *dc, int *budget,
    struct vbuf *why)
{
	union ns_addr	a;
	int		timeout = dc->timeout > 0 ? dc->timeout : 1;
	int		n;

	if (dc->server != NULL) {
		if (dns_server_parse(dc->server, &a) == -1) {
			vbuf_printf(why, "\"%s\" is not a server address",
			    dc->server);
			return (-1);
		}
		if (server_set(rs, &a) == -1) {
			vbuf_printf(why, "cannot ask \"%s\": an IPv6 server "
			    "needs glibc", dc->server);
			return (-1);
		}
	}
	n = rs->nscount;
	if (n > timeout)
		n = timeout;
	if (n < 1) {
		vbuf_puts(why, "no DNS server is configured");
		return (-1);
	}
	servers_keep(rs, n);
	rs->retry = 1;
	rs->retrans = timeout / n;
	*budget = rs->retrans * n;
	rs->options |= RES_USE_EDNS0 | RES_IGNTC;
	rs->options &= ~(unsigned long)(RES_USEVC | RES_SNGLKUPREOP);
	return (0);
}

/*
 * query_failed - what res_nquery's -1 means.  glibc says TRY_AGAIN
 * both when no answer came and when the server answered SERVFAIL,
 * with ETIMEDOUT for both when it had sent the query; so a wait that
 * did not last the time given was a server that answered it could not.
 */
static enum dns_status
query_failed(const struct __res_state *rs, int err, long waited_ms,
    int budget, struct vbuf *why)
{
	switch (rs->res_h_errno) {
	case HOST_NOT_FOUND:
	case NO_DATA:
		return (DNS_NONE);
	case TRY_AGAIN:
		if (err == ETIMEDOUT && waited_ms >= budget * 1000L - 100) {
			vbuf_printf(why, "no answer within %d s", budget);
			return (DNS_TIMEOUT);
		}
		/* glibc says ECONNREFUSED both for an ICMP port
		 * unreachable and for servers that all answered REFUSED
		 * or SERVFAIL, and moves on without saying which. */
		vbuf_puts(why, err == ECONNREFUSED ? "refused: nothing "
		    "listens there, or the server refused or failed the "
		    "query" : "the DNS server could not answer (SERVFAIL)");
		return (DNS_FAIL);
	default:
		vbuf_puts(why, "the DNS server refused the query, or the "
		    "name cannot be asked for");
		return (DNS_FAIL);
	}
}

/* txt_join - the strings of one TXT record's rdata, joined, into rec;
 * -1 if they overrun the rdata or DNS_TXT_MAX */
static int
txt_join(const unsigned char *rd, size_t rdlen, struct vbuf *rec)
{
	size_t	i = 0;

	vbuf_reset(rec);
	vbuf_cat(rec, "", 0);
	while (i < rdlen) {
		size_t	n = rd[i++];

		if (n > rdlen - i)
			return (-1);
		vbuf_cat(rec, rd + i, n);
		i += n;
	}
	return (vbuf_err(rec) ? -1 : 0);
}

/* read_answer - the TXT records of an answer of len bytes, each to
 * each; their smallest TTL in *ttl */
static enum dns_status
read_answer(const unsigned char *ans, int len, dns_txt_each each, void *arg,
    uint32_t *ttl, struct vbuf *why)
{
	ns_msg		 msg;
	ns_rr		 rr;
	struct vbuf	 rec;
	enum dns_status	 st = DNS_NONE;

	if (ns_initparse(ans, len, &msg) == -1) {
		vbuf_puts(why, "the answer does not parse");
		return (DNS_FAIL);
	}
	if (ns_msg_getflag(msg, ns_f_tc)) {
		/* Some records may be missing: it says nothing sure. */
		vbuf_puts(why, "the answer was truncated");
		return (DNS_FAIL);
	}
	vbuf_init(&rec, DNS_TXT_MAX);
	for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) == -1 ||
		    (ns_rr_type(rr) == ns_t_txt && txt_join(ns_rr_rdata(rr),
		    ns_rr_rdlen(rr), &rec) == -1)) {
			vbuf_puts(why, "a record of the answer does not parse");
			st = DNS_FAIL;
			break;
		}
		/* The answer also holds the CNAMEs that led there. */
		if (ns_rr_type(rr) != ns_t_txt || ns_rr_class(rr) != ns_c_in)
			continue;
		if (st == DNS_NONE || ns_rr_ttl(rr) < *ttl)
			*ttl = ns_rr_ttl(rr);
		st = DNS_OK;
		if (each(rec.data, rec.len, arg) != 0)
			break;
	}
	vbuf_release(&rec);
	return (st);
}

/* dns_txt - see dns.h */
enum dns_status
dns_txt(const struct dns_conf *dc, const char *name, dns_txt_each each,
    void *arg, uint32_t *ttl, struct vbuf *why)
{
	struct __res_state	 rs;
	unsigned char		 ans[DNS_ANSWER_MAX];
	int64_t			 t0;
	enum dns_status		 st;
	int			 n, err, budget = 0;

	*ttl = 0;
	if (!name_ok(name)) {
		vbuf_puts(why, "the name is not one DNS can be asked for");
		return (DNS_FAIL);
	}
	/* Our own state: _res is per thread, but its settings are not. */
	memset(&rs, 0, sizeof(rs));
	if (res_ninit(&rs) == -1) {
		vbuf_puts(why, "cannot set up the resolver");
		return (DNS_FAIL);
	}
	if (setup(&rs, dc, &budget, why) == -1) {
		res_nclose(&rs);
		return (DNS_FAIL);
	}
	t0 = clock_mono_ms();
	errno = 0;
	n = res_nquery(&rs, name, ns_c_in, ns_t_txt, ans, sizeof(ans));
	err = errno;
	if (n < 0)
		st = query_failed(&rs, err, (long)(clock_mono_ms() - t0), budget,
		    why);
	else
		st = read_answer(ans, n < (int)sizeof(ans) ? n :
		    (int)sizeof(ans), each, arg, ttl, why);
	res_nclose(&rs);
	return (st);
}
