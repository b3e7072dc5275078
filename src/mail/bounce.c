/*
 * bounce.c - what a message to a bounce address says; see bounce.h
 *
 * The MIME side is read first (bounce_dsn.c): a delivery status report
 * says what it means in fields, and is believed over any text.  Failing
 * that, the text of the notice is read against the table of forms
 * (bounce_forms.c).  What is read into struct bounce goes through the
 * helpers here, which keep it within its bounds.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/bounce.h"
#include "mail/bounce_int.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static const char *const class_names[] = {
	[BOUNCE_NOT] = "not",
	[BOUNCE_HARD] = "hard",
	[BOUNCE_SOFT] = "soft",
	[BOUNCE_AUTOREPLY] = "autoreply",
	[BOUNCE_CHALLENGE] = "challenge",
	[BOUNCE_SPAMFILTER] = "spamfilter",
	[BOUNCE_UNKNOWN] = "unknown",
};

/* bounce_class_name - see bounce.h */
const char *
bounce_class_name(enum bounce_class c)
{
	if ((size_t)c >= nitems(class_names) || class_names[c] == NULL)
		return ("unknown");
	return (class_names[c]);
}

/* addr_char - a byte that may be part of an address as reports show it */
static int
addr_char(int c)
{
	return (c > ' ' && c < 0x7f && strchr("<>()[]:;,\"'", c) == NULL);
}

/* bounce_add_rcpt - see bounce_int.h */
void
bounce_add_rcpt(struct bounce *b, const char *a, size_t len,
    const char *status, enum bounce_class cls)
{
	const char	*at;
	size_t		 i;

	while (len > 0 && !addr_char((unsigned char)*a)) {
		a++;
		len--;
	}
	for (i = 0; i < len && addr_char((unsigned char)a[i]); i++)
		;
	len = i;
	at = memchr(a, '@', len);
	/* a local part and a domain, or it is not an address */
	if (len == 0 || len > 254 || at == NULL || at == a ||
	    at == a + len - 1 || memchr(at + 1, '@', len -
	    (size_t)(at + 1 - a)) != NULL)
		return;
	for (i = 0; i < b->nrcpt; i++)
		if (strlen(b->rcpt[i].addr) == len &&
		    strncasecmp(b->rcpt[i].addr, a, len) == 0)
			return;
	if (b->nrcpt >= BOUNCE_RCPT_MAX)
		return;
	b->rcpt[b->nrcpt].addr = xstrndup(a, len);
	(void)snprintf(b->rcpt[b->nrcpt].status, BOUNCE_STATUS_MAX, "%s",
	    status != NULL ? status : "");
	b->rcpt[b->nrcpt].cls = cls;
	b->nrcpt++;
}

/* digits - how many digits (at most max) start s[0..len) */
static size_t
digits(const char *s, size_t len, size_t max)
{
	size_t	n = 0;

	while (n < len && n <= max && isdigit((unsigned char)s[n]))
		n++;
	return (n > max ? 0 : n);
}

/* enhanced_at - length of an RFC 3463 code "c.sss.ddd" at s[i], or 0 */
static size_t
enhanced_at(const char *s, size_t len, size_t i)
{
	size_t	n, m;

	if (strchr("245", s[i]) == NULL || i + 1 >= len || s[i + 1] != '.')
		return (0);
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return (0);
	if ((n = digits(s + i + 2, len - i - 2, 3)) == 0 ||
	    i + 2 + n >= len || s[i + 2 + n] != '.')
		return (0);
	if ((m = digits(s + i + 3 + n, len - i - 3 - n, 3)) == 0)
		return (0);
	n = 3 + n + m;
	/* a code, not a dotted number going on (an IP address) */
	if (i + n < len && (isalnum((unsigned char)s[i + n]) ||
	    (s[i + n] == '.' && i + n + 1 < len &&
	    isdigit((unsigned char)s[i + n + 1]))))
		return (0);
	return (n);
}

/* basic_at - an SMTP reply code 4yz or 5yz at s[i], alone as a word */
static int
basic_at(const char *s, size_t len, size_t i)
{
	if (strchr("45", s[i]) == NULL || i + 3 > len ||
	    digits(s + i, len - i, 3) != 3)
		return (0);
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) ||
	    strchr(".-=+/:", s[i - 1]) != NULL))
		return (0);
	return (i + 3 == len || strchr(" -\r\n\t,)", s[i + 3]) != NULL);
}

/* bounce_status_scan - see bounce_int.h */
int
bounce_status_scan(const char *s, size_t len, char out[BOUNCE_STATUS_MAX])
{
	size_t	i, n;

	out[0] = '\0';
	for (i = 0; i < len; i++)
		if ((n = enhanced_at(s, len, i)) > 0 && n < BOUNCE_STATUS_MAX) {
			memcpy(out, s + i, n);
			out[n] = '\0';
			return (1);
		}
	for (i = 0; i < len; i++)
		if (basic_at(s, len, i)) {
			memcpy(out, s + i, 3);
			out[3] = '\0';
			return (1);
		}
	return (0);
}

/* keep_value - a copy of a quoted field's value from v, with the lines
 * that continue it (folded), trimmed, <> dropped if unbracket; NULL if
 * empty or longer than BOUNCE_FIELD_MAX */
static char *
keep_value(const char *v, const char *end, int unbracket)
{
	struct vbuf	 out;
	const char	*nl;
	char		*s, *t;
	size_t		 n;

	vbuf_init(&out, BOUNCE_FIELD_MAX);
	for (;;) {
		if ((nl = memchr(v, '\n', (size_t)(end - v))) == NULL)
			nl = end;
		n = (size_t)(nl - v);
		if (n > 0 && v[n - 1] == '\r')
			n--;
		vbuf_cat(&out, v, n);
		if (nl == end || nl + 1 == end || (nl[1] != ' ' &&
		    nl[1] != '\t'))
			break;
		v = nl + 1;
	}
	if (vbuf_err(&out) || out.len == 0) {
		vbuf_release(&out);
		return (NULL);
	}
	s = vbuf_take(&out, NULL);
	for (t = s; isspace((unsigned char)*t); t++)
		;
	n = strlen(t);
	while (n > 0 && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	if (unbracket && n >= 2 && t[0] == '<' && t[n - 1] == '>') {
		t[--n] = '\0';
		t++;
		n--;
	}
	memmove(s, t, n + 1);
	if (n == 0) {
		free(s);
		return (NULL);
	}
	return (s);
}

/* field_at - the value of "name:" at the start of line l, or NULL */
static const char *
field_at(const char *l, size_t len, const char *name)
{
	size_t	n = strlen(name);

	if (len <= n || strncasecmp(l, name, n) != 0 || l[n] != ':')
		return (NULL);
	return (l + n + 1);
}

/* bounce_quoted_fields - see bounce_int.h */
void
bounce_quoted_fields(const char *p, size_t len, const char *field,
    struct bounce *b)
{
	const char	*end = p + len, *nl, *v;
	size_t		 lines = 0;

	/* A copy's header section is near its start: 2000 lines is far. */
	for (; p < end && lines < 2000; p = nl + 1, lines++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (b->orig_msgid == NULL &&
		    (v = field_at(p, (size_t)(nl - p), "Message-ID")) != NULL)
			b->orig_msgid = keep_value(v, end, 1);
		if (field != NULL && b->orig_field == NULL &&
		    (v = field_at(p, (size_t)(nl - p), field)) != NULL)
			b->orig_field = keep_value(v, end, 0);
		if (nl == end)
			break;
	}
}

/* finish - the report's class, status and policy from its recipients */
static void
finish(struct bounce *b)
{
	const struct bounce_rcpt	*pick = NULL;

	for (size_t i = 0; i < b->nrcpt && pick == NULL; i++)
		if (b->rcpt[i].cls == BOUNCE_HARD)
			pick = &b->rcpt[i];
	if (pick == NULL && b->nrcpt > 0)
		pick = &b->rcpt[0];
	if (pick != NULL) {
		if (b->cls == BOUNCE_NOT || b->cls == BOUNCE_UNKNOWN)
			b->cls = pick->cls;
		if (b->status[0] == '\0')
			memcpy(b->status, pick->status, BOUNCE_STATUS_MAX);
	}
	/* RFC 3463 class x.7.x: security or policy, not the mailbox */
	b->policy = strncmp(b->status + 1, ".7.", 3) == 0;
}

/* bounce_read - see bounce.h */
int
bounce_read(const struct mail *m, const struct limits *lim,
    const char *field, struct bounce *b)
{
	struct vbuf	text;
	int		rc;

	memset(b, 0, sizeof(*b));
	b->form = "";
	b->cls = BOUNCE_UNKNOWN;
	if ((rc = bounce_dsn_read(m, lim, field, b)) == -1)
		return (-1);
	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)lim->text_bytes, &text);
	if (rc == 0) {
		b->cls = BOUNCE_NOT;
		if (bounce_forms_read(m, text.data, text.len, field, b) == 0 &&
		    mail_automated(m, NULL) == MAIL_DAEMON)
			b->cls = BOUNCE_UNKNOWN;
	} else
		bounce_quoted_fields(text.data, text.len, field, b);
	vbuf_release(&text);
	finish(b);
	return (0);
}

/* bounce_release - see bounce.h */
void
bounce_release(struct bounce *b)
{
	for (size_t i = 0; i < b->nrcpt; i++)
		free(b->rcpt[i].addr);
	free(b->orig_msgid);
	free(b->orig_field);
	memset(b, 0, sizeof(*b));
	b->form = "";
}
