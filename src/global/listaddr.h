/*
 * listaddr.h - moot's own address scheme
 *
 * Owns: the rules for list names and the mapping between a list's
 * addresses and their purpose (design.md, "Addresses"): L, L-request,
 * L-owner, L-confirm+TOKEN, L-moderate+TOKEN, L-bounces[+TOKEN], L-join,
 * L-leave, L-agenda, L-notes, L-meeting+TOKEN, L-report,
 * L-review+TOKEN, L-vote+TOKEN, L-decide.  Pure functions: no I/O, no
 * allocation.
 * Address syntax itself is mail/addr.h.
 */
#ifndef LISTADDR_H
#define LISTADDR_H

#include <stddef.h>

#include "mail/addr.h"

struct conf;
struct vbuf;

#define LIST_NAME_MAX	28	/* so L-moderate+TOKEN fits 64 octets (B1) */
#define TOKEN_MAX	26	/* tokens are 26 characters, VERP ones too
				 * (token.h, verp.h): so that L-moderate+TOKEN
				 * and L-bounces+TOKEN fit 64 octets; longer
				 * is refused */

enum listaddr_kind {
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
	AK_MEETING,		/* L-meeting+TOKEN@D: calendar replies */
	AK_REPORT,		/* L-report@D: the report, for organisers */
	AK_REVIEW,		/* L-review+TOKEN@D: whether to review the
				 * priorities (gov_review) */
	AK_VOTE,		/* L-vote+TOKEN@D: ballots, answers to a
				 * proposal, the chair's casting vote */
	AK_DECIDE,		/* L-decide@D: a proposal or vote by mail */
	AK_COUNT
};

struct listaddr {
	char		 list[LIST_NAME_MAX + 1];
	enum listaddr_kind	 kind;
	char		 token[TOKEN_MAX + 1];	/* "" when none; lower case */
};

enum listaddr_result {
	LISTADDR_OK,		/* one of ours; *r filled */
	LISTADDR_FOREIGN,		/* not in the list domain */
	LISTADDR_BAD,		/* in the list domain, but no such form */
};

/* listaddr_route - what rcpt means to moot; see enum listaddr_result */
enum listaddr_result listaddr_route(const struct conf *, const char *rcpt,
	    struct listaddr *r);

/*
 * listaddr_fold - s lower-cased in place, as a list name or the local
 * part of a list address is read: INFO and Info name the list info
 */
void	listaddr_fold(char *s);

/*
 * listaddr_is_ours - a is in the list domain: one of moot's own
 * addresses, which moot never answers (no loops between lists)
 */
int	listaddr_is_ours(const struct conf *, const char *a);

/* listaddr_format - append the address of list for kind (token may be NULL) */
int	listaddr_format(struct vbuf *, const struct conf *, const char *list,
	    enum listaddr_kind, const char *token);

/* listaddr_kind_name - "post", "request", ... for logs and `moot spool` */
const char *listaddr_kind_name(enum listaddr_kind);

/*
 * listaddr_kind_taken - 1 if this version reads mail sent to addresses of
 * kind k; the milter (550) and moot inject (65) refuse the others, so
 * mail is never accepted and then dropped.  mootd's router has a handler
 * for every kind taken.
 */
int	listaddr_kind_taken(enum listaddr_kind);

/* listaddr_kind_parse - the kind a word of listaddr_kind_name() names, as
 * the database stores it; -1 if none */
int	listaddr_kind_parse(const char *, enum listaddr_kind *);

/*
 * listaddr_name_check - 0 if name may name a list: 1..28 of [a-z0-9-],
 * starting with a letter or digit, not ending in a reserved suffix such
 * as -request; else -1 and the reason in why.
 */
int	listaddr_name_check(const char *name, struct vbuf *why);

/*
 * listaddr_list_id - "Description <name.domain>" as a List-Id value
 * (RFC 2919); description may be NULL
 */
void	listaddr_list_id(struct vbuf *out, const struct conf *,
	    const char *name, const char *description);

#endif /* LISTADDR_H */
