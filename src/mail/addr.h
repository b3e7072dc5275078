/*
 * addr.h - mail addresses: checking them
 *
 * Owns: what an acceptable address is (threat E2, E6: an RFC 5321 path of
 * printable ASCII, local part <= 64, whole <= 254, no quoting), its
 * canonical form, and its domain.  Knows nothing of moot: the list
 * address scheme is global/listaddr.h.  Pure functions: no I/O, no
 * allocation except where a name says _new.
 */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>

struct vbuf;

#define ADDR_MAX	254	/* RFC 5321 path limit, less the brackets */
#define ADDR_LOCAL_MAX	64
/* addr_check - 0 if a is an acceptable address; else -1, reason in why
 * (why may be NULL) */
int	addr_check(const char *a, struct vbuf *why);

/* addr_canon_new - the form we store and compare: lower case, no <> */
char	*addr_canon_new(const char *a);

/*
 * addr_unbracket - copy "<a@b>" (as libmilter and SMTP give it) or "a@b"
 * into out without brackets; -1 if it does not fit or is unbalanced.
 */
int	addr_unbracket(const char *in, char *out, size_t size);

/* addr_domain - the part after the last '@', or "" */
const char *addr_domain(const char *a);

/*
 * A mailbox: what addresses with sub-addresses share.  Mail to
 * name+anything@domain (and name<delimiter>anything@domain) reaches
 * name@domain's mailbox, so limits that protect a person count it.
 */
struct addr_mailbox {
	char	base[ADDR_LOCAL_MAX + 1];	/* local part to the first
						 * '+' or delimiter */
	char	at_domain[ADDR_MAX + 1];	/* "@domain" */
	char	delim[2];			/* the delimiter, as text */
};

/* addr_mailbox - the mailbox of acceptable address a, with delim as a
 * second sub-address delimiter besides '+'; -1 if a is not acceptable */
int	addr_mailbox(const char *a, char delim, struct addr_mailbox *mb);

#endif /* ADDR_H */
