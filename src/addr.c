/*
 * addr.c - addresses and moot's address scheme; see addr.h
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "addr.h"
#include "alloc.h"
#include "conf.h"
#include "vbuf.h"
#include "moot.h"

static const struct addr_kind_info {
	enum addr_kind	 kind;
	const char	*suffix;	/* after the list name */
	const char	*name;		/* for people and the database */
	int		 token;		/* 0: none, 1: required, 2: optional */
} kinds[AK_COUNT] = {
	[AK_POST]	= { AK_POST, "", "post", 0 },
	[AK_REQUEST]	= { AK_REQUEST, "-request", "request", 0 },
	[AK_OWNER]	= { AK_OWNER, "-owner", "owner", 0 },
	[AK_CONFIRM]	= { AK_CONFIRM, "-confirm", "confirm", 1 },
	[AK_MODERATE]	= { AK_MODERATE, "-moderate", "moderate", 1 },
	[AK_BOUNCES]	= { AK_BOUNCES, "-bounces", "bounces", 2 },
	[AK_JOIN]	= { AK_JOIN, "-join", "join", 0 },
	[AK_LEAVE]	= { AK_LEAVE, "-leave", "leave", 2 },
	[AK_AGENDA]	= { AK_AGENDA, "-agenda", "agenda", 0 },
	[AK_NOTES]	= { AK_NOTES, "-notes", "notes", 0 },
};

/* RFC 5322 atext, the characters of an unquoted local part besides '.' */
static int
is_atext(int c)
{
	return (isalnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c)
	    != NULL));
}

/* why_puts, why_printf - say why, if the caller asked (why may be NULL) */
static void
why_puts(struct vbuf *why, const char *s)
{
	if (why != NULL)
		vbuf_puts(why, s);
}

static void __attribute__((format(printf, 2, 3)))
why_printf(struct vbuf *why, const char *fmt, ...)
{
	va_list	ap;

	if (why == NULL)
		return;
	va_start(ap, fmt);
	vbuf_vprintf(why, fmt, ap);
	va_end(ap);
}

/* addr_check - see addr.h */
int
addr_check(const char *a, struct vbuf *why)
{
	const char	*at = strrchr(a, '@'), *p;
	size_t		 len = strlen(a);

	for (p = a; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x80) {
			why_puts(why, "addresses with non-ASCII characters "
			    "(SMTPUTF8) are not supported yet");
			return (-1);
		}
		if (c <= 0x20 || c == 0x7f) {
			why_puts(why, "addresses may not contain spaces or "
			    "control characters");
			return (-1);
		}
	}
	if (len > ADDR_MAX) {
		why_printf(why, "address longer than %d characters",
		    ADDR_MAX);
		return (-1);
	}
	if (at == NULL || at == a || at[1] == '\0') {
		why_puts(why, "not an address of the form name@domain");
		return (-1);
	}
	if ((size_t)(at - a) > ADDR_LOCAL_MAX) {
		why_printf(why, "the part before @ is longer than %d "
		    "characters", ADDR_LOCAL_MAX);
		return (-1);
	}
	for (p = a; p < at; p++)
		if (!is_atext((unsigned char)*p) && *p != '.') {
			why_printf(why, "the character '%c' is not allowed "
			    "before the @", *p);
			return (-1);
		}
	if (a[0] == '.' || at[-1] == '.') {
		why_puts(why, "the part before @ may not start or end with "
		    "a dot");
		return (-1);
	}
	for (p = at + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.') {
			why_printf(why, "the character '%c' is not allowed "
			    "in a domain", *p);
			return (-1);
		}
	if (at[1] == '.' || a[len - 1] == '.' || strstr(at, "..") != NULL ||
	    strchr(at + 1, '.') == NULL) {
		why_puts(why, "the domain is not a full domain name");
		return (-1);
	}
	return (0);
}

/* addr_canon_new - lower case copy without angle brackets */
char *
addr_canon_new(const char *a)
{
	size_t	 len = strlen(a);
	char	*c;

	if (len >= 2 && a[0] == '<' && a[len - 1] == '>')
		c = xstrndup(a + 1, len - 2);
	else
		c = xstrdup(a);
	for (char *p = c; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (c);
}

/* addr_unbracket - see addr.h */
int
addr_unbracket(const char *in, char *out, size_t size)
{
	size_t	len = strlen(in);

	if (len > 0 && in[0] == '<') {
		if (len < 2 || in[len - 1] != '>')
			return (-1);
		in++;
		len -= 2;
	} else if (len > 0 && in[len - 1] == '>')
		return (-1);
	if (len >= size)
		return (-1);
	memcpy(out, in, len);
	out[len] = '\0';
	return (0);
}

/* addr_domain - the domain part of a */
const char *
addr_domain(const char *a)
{
	const char	*at = strrchr(a, '@');

	return (at != NULL ? at + 1 : "");
}

/* ends_with - s ends with the suffix x (of length xl) */
static int
ends_with(const char *s, size_t sl, const char *x, size_t xl)
{
	return (sl >= xl && memcmp(s + sl - xl, x, xl) == 0);
}

/*
 * list_name_problem - NULL if name may name a list, else why not; for a
 * reserved ending, *suffix is set to it.  No allocation: the milter's
 * RCPT path calls this through addr_route().
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

/* addr_list_name_check - see addr.h */
int
addr_list_name_check(const char *name, struct vbuf *why)
{
	const char	*suffix = "", *problem;

	if ((problem = list_name_problem(name, &suffix)) == NULL)
		return (0);
	vbuf_printf(why, "%s%s", problem, suffix);
	return (-1);
}

/* addr_route - see addr.h */
enum route_result
addr_route(const struct conf *c, const char *rcpt, struct route *r)
{
	char		 a[ADDR_MAX + 1], *at, *tok;
	const char	*suffix;
	size_t		 len, i, best = AK_COUNT, best_len = 0;

	memset(r, 0, sizeof(*r));
	if (addr_unbracket(rcpt, a, sizeof(a)) == -1)
		return (ROUTE_FOREIGN);
	if ((at = strrchr(a, '@')) == NULL)
		return (ROUTE_FOREIGN);
	if (strcasecmp(at + 1, c->domain) != 0)
		return (ROUTE_FOREIGN);
	*at = '\0';
	for (char *p = a; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);

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
		return (ROUTE_BAD);
	memcpy(r->list, a, len - best_len);
	r->list[len - best_len] = '\0';
	r->kind = kinds[best].kind;
	if (list_name_problem(r->list, &suffix) != NULL)
		return (ROUTE_BAD);

	if (tok != NULL) {
		if (kinds[best].token == 0 || *tok == '\0' ||
		    strlen(tok) > TOKEN_MAX)
			return (ROUTE_BAD);
		for (const char *p = tok; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p))
				return (ROUTE_BAD);
		memcpy(r->token, tok, strlen(tok) + 1);
	} else if (kinds[best].token == 1)
		return (ROUTE_BAD);
	return (ROUTE_OK);
}

/* addr_list - see addr.h */
int
addr_list(struct vbuf *b, const struct conf *c, const char *list,
    enum addr_kind kind, const char *token)
{
	if (token != NULL && *token != '\0')
		return (vbuf_printf(b, "%s%s%c%s@%s", list,
		    kinds[kind].suffix, c->delimiter, token, c->domain));
	return (vbuf_printf(b, "%s%s@%s", list, kinds[kind].suffix,
	    c->domain));
}

/* addr_kind_name - the kind's word */
const char *
addr_kind_name(enum addr_kind k)
{
	return (k < AK_COUNT ? kinds[k].name : "?");
}

/* addr_kind_from_name - the kind for a word from addr_kind_name() */
int
addr_kind_from_name(const char *s, enum addr_kind *k)
{
	for (size_t i = 0; i < AK_COUNT; i++)
		if (strcmp(kinds[i].name, s) == 0) {
			*k = kinds[i].kind;
			return (0);
		}
	return (-1);
}
