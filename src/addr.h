/*
 * addr.h - mail addresses: checking them, and moot's own address scheme
 *
 * Owns: what an acceptable address is (threat E2, E6: an RFC 5321 path of
 * printable ASCII, local part <= 64, whole <= 254, no quoting), the rules
 * for list names, and the mapping between a list's addresses and their
 * purpose (design.md, "Addresses"): L, L-request, L-owner,
 * L-confirm+TOKEN, L-moderate+TOKEN, L-bounces[+TOKEN], L-join, L-leave,
 * L-agenda, L-notes.  Pure functions: no I/O, no allocation except where
 * a name says _new.
 */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>

struct conf;
struct vbuf;

#define ADDR_MAX	254	/* RFC 5321 path limit, less the brackets */
#define ADDR_LOCAL_MAX	64
#define LIST_NAME_MAX	28	/* so L-moderate+TOKEN fits 64 octets (B1) */
#define TOKEN_MAX	32	/* tokens are 26 characters; room to refuse */

enum addr_kind {
	AK_POST,		/* L@D */
	AK_REQUEST,		/* L-request@D: commands */
	AK_OWNER,		/* L-owner@D */
	AK_CONFIRM,		/* L-confirm+TOKEN@D */
	AK_MODERATE,		/* L-moderate+TOKEN@D */
	AK_BOUNCES,		/* L-bounces[+TOKEN]@D */
	AK_JOIN,		/* L-join@D */
	AK_LEAVE,		/* L-leave[+TOKEN]@D */
	AK_AGENDA,		/* L-agenda@D */
	AK_NOTES,		/* L-notes@D */
	AK_COUNT
};

struct route {
	char		 list[LIST_NAME_MAX + 1];
	enum addr_kind	 kind;
	char		 token[TOKEN_MAX + 1];	/* "" when none; lower case */
};

enum route_result {
	ROUTE_OK,		/* one of ours; *r filled */
	ROUTE_FOREIGN,		/* not in the list domain */
	ROUTE_BAD,		/* in the list domain, but no such form */
};

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

/* addr_route - what rcpt means to moot; see enum route_result */
enum route_result addr_route(const struct conf *, const char *rcpt,
	    struct route *r);

/* addr_list - append the address of list for kind (token may be NULL) */
int	addr_list(struct vbuf *, const struct conf *, const char *list,
	    enum addr_kind, const char *token);

/* addr_kind_name - "post", "request", ... for logs and `moot spool` */
const char *addr_kind_name(enum addr_kind);
int	addr_kind_from_name(const char *, enum addr_kind *);

/*
 * addr_list_name_check - 0 if name may name a list: 1..28 of [a-z0-9-],
 * starting with a letter or digit, not ending in a reserved suffix such
 * as -request; else -1 and the reason in why.
 */
int	addr_list_name_check(const char *name, struct vbuf *why);

/* addr_domain - the part after the last '@', or "" */
const char *addr_domain(const char *a);

#endif /* ADDR_H */
