/*
 * addr.c - checking mail addresses; see addr.h
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

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

/* addr_mailbox - see addr.h */
int
addr_mailbox(const char *a, char delim, struct addr_mailbox *mb)
{
	const char	*at;
	size_t		 n;

	memset(mb, 0, sizeof(*mb));
	if (addr_check(a, NULL) == -1)
		return (-1);
	at = strrchr(a, '@');
	for (n = 0; a + n < at && a[n] != '+' && a[n] != delim; n++)
		;
	memcpy(mb->base, a, n);		/* n <= ADDR_LOCAL_MAX, checked */
	(void)snprintf(mb->at_domain, sizeof(mb->at_domain), "%s", at);
	mb->delim[0] = delim;
	/* As addr_canon_new() stores them. */
	for (char *p = mb->base; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = mb->at_domain; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (0);
}
