/*
 * authres.c - reading Authentication-Results; see authres.h
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mail/authres.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/*
 * The lexer.  RFC 8601's tokens are words (a token, a dot-atom, a
 * local-part@domain, a version), quoted strings, ';' and '=', between
 * CFWS: white space, folding and (nested) comments.  A quoted string is
 * a word like any other once read.
 */
enum tok {
	T_END,
	T_WORD,
	T_SEMI,
	T_EQ,
	T_ERR,
};

struct lex {
	const char	*p;
	char		 word[AUTHRES_VALUE];
};

/* skip_cfws - past white space and comments; -1 on an open comment */
static int
skip_cfws(struct lex *l)
{
	int	depth = 0;

	for (; *l->p != '\0'; l->p++) {
		if (*l->p == '\\' && depth > 0 && l->p[1] != '\0')
			l->p++;
		else if (*l->p == '(')
			depth++;
		else if (*l->p == ')') {
			if (depth-- == 0)
				return (-1);
		} else if (depth == 0 && strchr(" \t\r\n", *l->p) == NULL)
			return (0);
	}
	return (depth == 0 ? 0 : -1);
}

/* quoted - a quoted string (at its '"') into l->word */
static enum tok
quoted(struct lex *l)
{
	size_t	n = 0;

	for (l->p++; *l->p != '"'; l->p++) {
		if (*l->p == '\\' && l->p[1] != '\0')
			l->p++;
		if (*l->p == '\0' || n + 1 >= sizeof(l->word))
			return (T_ERR);
		l->word[n++] = *l->p;
	}
	l->p++;
	l->word[n] = '\0';
	return (T_WORD);
}

static enum tok
next(struct lex *l)
{
	size_t	n;

	if (skip_cfws(l) == -1)
		return (T_ERR);
	switch (*l->p) {
	case '\0':
		return (T_END);
	case ';':
		l->p++;
		return (T_SEMI);
	case '=':
		l->p++;
		return (T_EQ);
	case '"':
		return (quoted(l));
	}
	n = strcspn(l->p, " \t\r\n();=\"\\");
	if (n == 0 || n >= sizeof(l->word))
		return (T_ERR);
	memcpy(l->word, l->p, n);
	l->word[n] = '\0';
	l->p += n;
	return (T_WORD);
}

/* lower_copy - s in lower case into out; -1 if it does not fit */
static int
lower_copy(char *out, size_t size, const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i + 1 >= size)
			return (-1);
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	return (0);
}

/* property - ptype.property = value of a resinfo; the ones moot reads
 * are kept, others read past (RFC 8601 section 2.7 has more) */
static int
property(struct authres_result *r, const char *name, const char *value)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} keep[] = {
		{ "header.d", offsetof(struct authres_result, header_d) },
		{ "header.i", offsetof(struct authres_result, header_i) },
		{ "smtp.mailfrom", offsetof(struct authres_result,
		    smtp_mailfrom) },
	};

	if (strchr(name, '.') == NULL && strcasecmp(name, "reason") != 0)
		return (-1);
	for (size_t i = 0; i < nitems(keep); i++)
		if (strcasecmp(name, keep[i].name) == 0)
			return (lower_copy((char *)r + keep[i].off,
			    AUTHRES_VALUE, value));
	return (0);
}

/* resinfo - after its ';': method[/version] = result [props]; the token
 * after it into *t */
static int
resinfo(struct lex *l, struct authres_result *r, enum tok *t)
{
	char	name[AUTHRES_VALUE];

	memset(r, 0, sizeof(*r));
	if (next(l) != T_WORD)
		return (-1);
	l->word[strcspn(l->word, "/")] = '\0';
	if (lower_copy(r->method, sizeof(r->method), l->word) == -1 ||
	    next(l) != T_EQ || next(l) != T_WORD ||
	    lower_copy(r->result, sizeof(r->result), l->word) == -1)
		return (-1);
	while ((*t = next(l)) == T_WORD) {
		(void)snprintf(name, sizeof(name), "%s", l->word);
		if (next(l) != T_EQ || next(l) != T_WORD ||
		    property(r, name, l->word) == -1)
			return (-1);
	}
	return (0);
}

/* authres_parse - see authres.h */
int
authres_parse(const char *value, char *servid, size_t size,
    struct authres_result *res, size_t max, size_t *n)
{
	struct lex	 l = { .p = value };
	enum tok	 t;

	*n = 0;
	if (next(&l) != T_WORD || (size_t)snprintf(servid, size, "%s", l.word) >= size)
		return (-1);
	t = next(&l);
	if (t == T_WORD) {
		/* Only version 1 exists; another means another grammar. */
		if (strcmp(l.word, "1") != 0)
			return (-1);
		t = next(&l);
	}
	if (t != T_SEMI)
		return (-1);
	/* "none": no method was applied, and nothing follows. */
	{
		struct lex peek = l;

		if (next(&peek) == T_WORD && strcasecmp(peek.word, "none") ==
		    0 && next(&peek) == T_END)
			return (0);
	}
	while (t == T_SEMI) {
		if (*n >= max || resinfo(&l, &res[*n], &t) == -1)
			return (-1);
		(*n)++;
	}
	return (t == T_END ? 0 : -1);
}

/* domain_of - the domain of an address or a bare domain, without a
 * trailing dot */
static void
domain_of(const char *v, char *out, size_t size)
{
	const char	*at = strrchr(v, '@');
	size_t		 len;

	(void)snprintf(out, size, "%s", at != NULL ? at + 1 : v);
	len = strlen(out);
	if (len > 0 && out[len - 1] == '.')
		out[len - 1] = '\0';
}

/* under - a is b or a subdomain of b (both lower case) */
static int
under(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	return (la == lb ? strcmp(a, b) == 0 : la > lb && a[la - lb - 1] ==
	    '.' && strcmp(a + la - lb, b) == 0);
}

/* authres_align - see authres.h */
int
authres_align(const char *a, const char *b)
{
	char	la[AUTHRES_VALUE], lb[AUTHRES_VALUE];
	char	da[AUTHRES_VALUE], db[AUTHRES_VALUE];

	if (a == NULL || b == NULL ||
	    lower_copy(la, sizeof(la), a) == -1 ||
	    lower_copy(lb, sizeof(lb), b) == -1)
		return (0);
	domain_of(la, da, sizeof(da));
	domain_of(lb, db, sizeof(db));
	if (strchr(da, '.') == NULL || strchr(db, '.') == NULL)
		return (0);
	return (under(da, db) || under(db, da));
}

/* passed - the method r passed for a domain aligned with from */
static const char *
passed(const struct authres_result *r, const char *from)
{
	if (strcmp(r->result, "pass") != 0)
		return (NULL);
	if (strcmp(r->method, "dkim") == 0 && authres_align(r->header_d[0] !=
	    '\0' ? r->header_d : r->header_i, from))
		return ("dkim");
	if (strcmp(r->method, "spf") == 0 && authres_align(r->smtp_mailfrom,
	    from))
		return ("spf");
	return (NULL);
}

/* authres_aligned - see authres.h; dkim is said rather than spf when
 * both passed, as it speaks for the From: domain itself */
const char *
authres_aligned(const char *fields, const char *servid,
    const char *from_domain)
{
	struct authres_result	 res[AUTHRES_MAX];
	char			 line[4096], id[AUTHRES_VALUE];
	const char		*p, *how, *best = NULL;
	size_t			 len, n;

	if (fields == NULL || servid == NULL || *servid == '\0' ||
	    from_domain == NULL)
		return (NULL);
	for (p = fields; *p != '\0'; p += len + (p[len] == '\n')) {
		len = strcspn(p, "\n");
		if (len >= sizeof(line))
			continue;	/* longer than any verifier writes */
		memcpy(line, p, len);
		line[len] = '\0';
		if (authres_parse(line, id, sizeof(id), res, nitems(res),
		    &n) == -1 || strcasecmp(id, servid) != 0)
			continue;
		for (size_t i = 0; i < n; i++)
			if ((how = passed(&res[i], from_domain)) != NULL &&
			    (best == NULL || strcmp(how, "dkim") == 0))
				best = how;
	}
	return (best);
}

/*
 * Fields that the MTA adds at the top, above the client's: its
 * verifiers' trace fields, and what Postfix's pipe(8) prepends for the
 * transport that runs moot inject (flags R, D, O).  Postfix does not
 * show milters its own Received field; any Received a milter sees, and
 * any other field, came from the client.
 */
static const char *const top_fields[] = {
	"Authentication-Results",
	"Received-SPF",
	"DKIM-Filter",
	"DMARC-Filter",
	"Return-Path",
	"Delivered-To",
	"X-Original-To",
};

static int
name_is(const char *name, size_t len, const char *want)
{
	return (strlen(want) == len && strncasecmp(name, want, len) == 0);
}

/* authres_gate_field - see authres.h */
enum authres_verdict
authres_gate_field(struct authres_gate *g, const char *name, size_t name_len,
    const char *value)
{
	struct authres_result	 res[AUTHRES_MAX];
	char			 id[AUTHRES_VALUE];
	size_t			 i, n;
	int			 ours;

	for (i = 0; i < nitems(top_fields); i++)
		if (name_is(name, name_len, top_fields[i]))
			break;
	if (i == nitems(top_fields))
		g->below_top = 1;
	if (!name_is(name, name_len, "Authentication-Results"))
		return (AUTHRES_NOT_AR);
	if (g->servid == NULL || *g->servid == '\0')
		return (AUTHRES_OTHER);
	/* A field that claims our id but does not parse is still a claim:
	 * read the id alone when the rest is unreadable. */
	if (authres_parse(value, id, sizeof(id), res, nitems(res), &n) ==
	    -1) {
		struct lex l = { .p = value };

		ours = next(&l) == T_WORD && strcasecmp(l.word, g->servid) ==
		    0;
		return (ours && g->below_top ? AUTHRES_FORGED : AUTHRES_OTHER);
	}
	if (strcasecmp(id, g->servid) != 0)
		return (AUTHRES_OTHER);
	return (g->below_top ? AUTHRES_FORGED : AUTHRES_OURS);
}

/* authres_value_append - see authres.h */
void
authres_value_append(struct vbuf *out, const char *v, size_t len)
{
	size_t	skip = 0;

	while (skip < len && strchr(" \t\r\n", v[skip]) != NULL && v[skip] !=
	    '\0')
		skip++;
	if (out->len > 0)
		vbuf_putc(out, '\n');
	for (size_t i = skip; i < len; i++)
		vbuf_putc(out, v[i] == '\r' || v[i] == '\n' ? ' ' : v[i]);
}

/* authres_collect - see authres.h */
size_t
authres_collect(const char *raw, size_t len, const char *servid,
    struct vbuf *out)
{
	struct authres_gate	 g = { .servid = servid };
	struct vbuf		 val;
	const char		*p = raw, *end = raw + len, *eol, *colon;
	size_t			 forged = 0, flen;

	vbuf_init(&val, VBUF_NOMAX);
	/* pipe(8)'s F flag: an mbox "From " line before the header. */
	if (len > 5 && memcmp(p, "From ", 5) == 0)
		p = (eol = memchr(p, '\n', len)) != NULL ? eol + 1 : end;
	while (p < end && *p != '\r' && *p != '\n') {
		/* A field: its first line and the lines that fold it. */
		eol = p;
		do {
			eol = memchr(eol, '\n', (size_t)(end - eol));
			eol = eol != NULL ? eol + 1 : end;
		} while (eol < end && (*eol == ' ' || *eol == '\t'));
		flen = (size_t)(eol - p);
		colon = memchr(p, ':', flen);
		if (colon != NULL) {
			/* The value, without the field's final line end. */
			flen = (size_t)(eol - colon - 1);
			while (flen > 0 && (colon[flen] == '\n' ||
			    colon[flen] == '\r'))
				flen--;
			vbuf_reset(&val);
			vbuf_cat(&val, colon + 1, flen);
			switch (authres_gate_field(&g, p, (size_t)(colon - p),
			    vbuf_str(&val))) {
			case AUTHRES_FORGED:
				forged++;
				break;
			case AUTHRES_OURS:
			case AUTHRES_OTHER:
				authres_value_append(out, vbuf_str(&val),
				    val.len);
				break;
			case AUTHRES_NOT_AR:
				break;
			}
		}
		p = eol;
	}
	vbuf_release(&val);
	return (forged);
}
