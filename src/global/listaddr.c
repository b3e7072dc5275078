/*
 * listaddr.c - moot's address scheme; see listaddr.h
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "global/conf.h"
#include "global/listaddr.h"
#include "global/token.h"
#include "global/verp.h"
#include "mail/addr.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static const struct addr_kind_info {
	enum listaddr_kind	 kind;
	const char	*suffix;	/* after the list name */
	const char	*name;		/* for people and the database */
	int		 token;		/* 0: none, 1: required, 2: optional */
	int		 taken;		/* this version reads mail sent here */
} kinds[AK_COUNT] = {
	[AK_POST]	= { AK_POST, "", "post", 0, 1 },
	[AK_REQUEST]	= { AK_REQUEST, "-request", "request", 0, 1 },
	[AK_OWNER]	= { AK_OWNER, "-owner", "owner", 0, 1 },
	[AK_CONFIRM]	= { AK_CONFIRM, "-confirm", "confirm", 1, 1 },
	[AK_MODERATE]	= { AK_MODERATE, "-moderate", "moderate", 1, 1 },
	/* The envelope sender of every copy: what comes back is scored
	 * (list/bounce_score); the token is VERP's (verp.h). */
	[AK_BOUNCES]	= { AK_BOUNCES, "-bounces", "bounces", 2, 1 },
	[AK_JOIN]	= { AK_JOIN, "-join", "join", 0, 1 },
	[AK_LEAVE]	= { AK_LEAVE, "-leave", "leave", 2, 1 },
	/* Agenda items and papers for a group's next meeting (cal_agenda). */
	[AK_AGENDA]	= { AK_AGENDA, "-agenda", "agenda", 0, 1 },
	/* A meeting's notes, held for the organisers (cal_notes). */
	[AK_NOTES]	= { AK_NOTES, "-notes", "notes", 0, 1 },
	/* The ORGANIZER of an invitation: members' answers (cal_reply). */
	[AK_MEETING]	= { AK_MEETING, "-meeting", "meeting", 1, 1 },
	/* The report for the Communities Board, asked for by mail by an
	 * organiser of the list (gov_report_mail). */
	[AK_REPORT]	= { AK_REPORT, "-report", "report", 0, 1 },
	/* The strategy list's owners: whether to review the priorities
	 * (gov_review). */
	[AK_REVIEW]	= { AK_REVIEW, "-review", "review", 1, 1 },
	/* A voter's personal ballot address (gov_ballot). */
	[AK_VOTE]	= { AK_VOTE, "-vote", "vote", 1, 1 },
	/* A proposal or a vote sent by an organiser (gov_mail). */
	[AK_DECIDE]	= { AK_DECIDE, "-decide", "decide", 0, 1 },
};

/* Every token fits its address's TOKEN_MAX; tests/unit/verp_test
 * checks that the longest name and suffix with it fit 64 octets. */
_Static_assert(TOKEN_CHARS <= TOKEN_MAX, "a token fits an address");
_Static_assert(VERP_TOKEN_CHARS <= TOKEN_MAX, "a VERP token fits");

/* ends_with - s ends with the suffix x (of length xl) */
static int
ends_with(const char *s, size_t sl, const char *x, size_t xl)
{
	return (sl >= xl && memcmp(s + sl - xl, x, xl) == 0);
}

/*
 * list_name_problem - NULL if name may name a list, else why not; for a
 * reserved ending, *suffix is set to it.  No allocation: the milter's
 * RCPT path calls this through listaddr_route().
 */
static const char *
list_name_problem(const char *name, const char **suffix)
{
	size_t	len = strlen(name), i;

	if (len == 0 || len > LIST_NAME_MAX)
		return ("a list name has 1 to 28 characters");
	for (i = 0; i < len; i++)
		if (!islower((unsigned char)name[i]) &&
		    !isdigit((unsigned char)name[i]) && name[i] != '-')
			return ("a list name uses only a-z, 0-9 and -");
	if (name[0] == '-' || name[len - 1] == '-')
		return ("a list name may not start or end with -");
	for (i = 0; i < AK_COUNT; i++) {
		size_t	xl = strlen(kinds[i].suffix);

		if (xl > 0 && ends_with(name, len, kinds[i].suffix, xl)) {
			*suffix = kinds[i].suffix;
			return ("a list name may not end in ");
		}
	}
	return (NULL);
}

/* listaddr_name_check - see listaddr.h */
int
listaddr_name_check(const char *name, struct vbuf *why)
{
	const char	*suffix = "", *problem;

	if ((problem = list_name_problem(name, &suffix)) == NULL)
		return (0);
	vbuf_printf(why, "%s%s", problem, suffix);
	return (-1);
}

/* listaddr_route - see listaddr.h */
enum listaddr_result
listaddr_route(const struct conf *c, const char *rcpt, struct listaddr *r)
{
	char		 a[ADDR_MAX + 1], *at, *tok;
	const char	*suffix;
	size_t		 len, i, best = AK_COUNT, best_len = 0;

	memset(r, 0, sizeof(*r));
	if (addr_unbracket(rcpt, a, sizeof(a)) == -1)
		return (LISTADDR_FOREIGN);
	if ((at = strrchr(a, '@')) == NULL)
		return (LISTADDR_FOREIGN);
	if (strcasecmp(at + 1, c->domain) != 0)
		return (LISTADDR_FOREIGN);
	*at = '\0';
	listaddr_fold(a);

	if ((tok = strchr(a, c->delimiter)) != NULL)
		*tok++ = '\0';
	len = strlen(a);
	/* The longest suffix that leaves a valid list name wins. */
	for (i = 0; i < AK_COUNT; i++) {
		size_t	xl = strlen(kinds[i].suffix);

		if (xl < len && ends_with(a, len, kinds[i].suffix, xl) &&
		    (best == AK_COUNT || xl > best_len)) {
			best = i;
			best_len = xl;
		}
	}
	if (best == AK_COUNT || len - best_len > LIST_NAME_MAX)
		return (LISTADDR_BAD);
	memcpy(r->list, a, len - best_len);
	r->list[len - best_len] = '\0';
	r->kind = kinds[best].kind;
	if (list_name_problem(r->list, &suffix) != NULL)
		return (LISTADDR_BAD);

	if (tok != NULL) {
		if (kinds[best].token == 0 || *tok == '\0' ||
		    strlen(tok) > TOKEN_MAX)
			return (LISTADDR_BAD);
		for (const char *p = tok; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p))
				return (LISTADDR_BAD);
		memcpy(r->token, tok, strlen(tok) + 1);
	} else if (kinds[best].token == 1)
		return (LISTADDR_BAD);
	return (LISTADDR_OK);
}

/* listaddr_fold - see listaddr.h */
void
listaddr_fold(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* listaddr_is_ours - see listaddr.h */
int
listaddr_is_ours(const struct conf *c, const char *a)
{
	return (strcasecmp(addr_domain(a), c->domain) == 0);
}

/* listaddr_format - see listaddr.h */
int
listaddr_format(struct vbuf *b, const struct conf *c, const char *list,
    enum listaddr_kind kind, const char *token)
{
	if (token != NULL && *token != '\0')
		return (vbuf_printf(b, "%s%s%c%s@%s", list,
		    kinds[kind].suffix, c->delimiter, token, c->domain));
	return (vbuf_printf(b, "%s%s@%s", list, kinds[kind].suffix,
	    c->domain));
}

/* listaddr_kind_taken - see listaddr.h */
int
listaddr_kind_taken(enum listaddr_kind k)
{
	return (k < AK_COUNT && kinds[k].taken);
}

/* listaddr_kind_parse - see listaddr.h */
int
listaddr_kind_parse(const char *s, enum listaddr_kind *k)
{
	for (size_t i = 0; i < AK_COUNT; i++)
		if (strcmp(kinds[i].name, s) == 0) {
			*k = kinds[i].kind;
			return (0);
		}
	return (-1);
}

/* listaddr_kind_name - the kind's word */
const char *
listaddr_kind_name(enum listaddr_kind k)
{
	return (k < AK_COUNT ? kinds[k].name : "?");
}
