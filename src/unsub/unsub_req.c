/*
 * unsub_req.c - the CGI request of a one-click unsubscribe; see unsub_req.h
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "unsub/unsub_req.h"
#include "util/sys_defs.h"

#define ONE_CLICK_NAME	"List-Unsubscribe"
#define ONE_CLICK_VALUE	"One-Click"

static const struct {
	const char		*name;
	enum unsub_method	 method;
} methods[] = {
	{ "GET", UNSUB_GET }, { "HEAD", UNSUB_GET }, { "POST", UNSUB_POST },
};

/* hex - the value of hex digit c, or -1 */
static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	c = tolower(c);
	return (c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
}

/*
 * decode - n bytes of s, form-decoded (%XX, + for a space), into out of
 * size bytes; -1 if it would not fit, is empty, or holds a NUL or a bad
 * escape
 */
static int
decode(const char *s, size_t n, char *out, size_t size)
{
	size_t	i, o = 0;
	int	c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (i + 2 >= n || hex((unsigned char)s[i + 1]) < 0 ||
			    hex((unsigned char)s[i + 2]) < 0)
				return (-1);
			c = hex((unsigned char)s[i + 1]) * 16 +
			    hex((unsigned char)s[i + 2]);
			i += 2;
		}
		if (c == '\0' || o + 1 >= size)
			return (-1);
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (o > 0 ? 0 : -1);
}

/*
 * pair - whether s (n bytes) is the pair name=value, form-decoded; into
 * val (size bytes) the value if the name is name, else val is ""
 */
static void
pair(const char *s, size_t n, const char *name, char *val, size_t size)
{
	const char	*eq = memchr(s, '=', n);
	char		 key[UNSUB_ARG_MAX];

	if (eq == NULL || decode(s, (size_t)(eq - s), key, sizeof(key)) == -1 ||
	    strcmp(key, name) != 0)
		return;
	if (decode(eq + 1, n - (size_t)(eq + 1 - s), val, size) == -1)
		val[0] = '\0';
}

/* form_value - the last value of name in the form-encoded s (n bytes),
 * into val; -1 if there is none */
static int
form_value(const char *s, size_t n, const char *name, char *val, size_t size)
{
	const char	*end = s + n, *amp;

	val[0] = '\0';
	for (; s < end; s = amp + 1) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		pair(s, (size_t)(amp - s), name, val, size);
		if (amp == end)
			break;
	}
	return (val[0] != '\0' ? 0 : -1);
}

/* unsub_query - see unsub_req.h */
int
unsub_query(struct unsub_req *r, const char *query)
{
	size_t	n = strlen(query);

	if (form_value(query, n, "l", r->list, sizeof(r->list)) == -1 ||
	    form_value(query, n, "t", r->token, sizeof(r->token)) == -1)
		return (-1);
	return (0);
}

/* find - the first n-byte needle in hay (len bytes), or NULL */
static const char *
find(const char *hay, size_t len, const char *needle, size_t n)
{
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return (hay + i);
	return (NULL);
}

/* boundary - the boundary parameter of a multipart ctype into b, with
 * "--" before it; -1 if there is none */
static int
boundary(const char *ctype, char *b, size_t size)
{
	const char	*p = strstr(ctype, "boundary=");
	size_t		 n;

	if (p == NULL)
		return (-1);
	p += strlen("boundary=");
	if (*p == '"')
		n = strcspn(++p, "\"");
	else
		n = strcspn(p, "; \t");
	if (n == 0 || n > 70 || n + 3 > size)	/* RFC 2046: 1 to 70 */
		return (-1);
	(void)snprintf(b, size, "--%.*s", (int)n, p);
	return (0);
}

/*
 * multipart_one_click - a multipart/form-data body (RFC 7578) with a
 * part named List-Unsubscribe whose content is One-Click
 */
static int
multipart_one_click(const char *ctype, const char *body, size_t len)
{
	static const char name[] = "name=\"" ONE_CLICK_NAME "\"";
	char		 b[80];
	const char	*p, *end = body + len, *head, *val, *next;
	size_t		 bl;

	if (boundary(ctype, b, sizeof(b)) == -1)
		return (0);
	bl = strlen(b);
	for (p = find(body, len, b, bl); p != NULL; p = next) {
		head = p + bl;
		next = find(head, (size_t)(end - head), b, bl);
		if (next == NULL)
			break;
		val = find(head, (size_t)(next - head), "\r\n\r\n", 4);
		if (val == NULL ||
		    find(head, (size_t)(val - head), name, strlen(name)) ==
		    NULL)
			continue;
		val += 4;
		/* The part's content ends with the CRLF before the next
		 * boundary. */
		if ((size_t)(next - val) == strlen(ONE_CLICK_VALUE) + 2 &&
		    memcmp(val, ONE_CLICK_VALUE "\r\n", (size_t)(next - val)) ==
		    0)
			return (1);
	}
	return (0);
}

/* unsub_one_click - see unsub_req.h */
int
unsub_one_click(const char *ctype, const char *body, size_t len)
{
	static const char form[] = "application/x-www-form-urlencoded";
	static const char multi[] = "multipart/form-data";
	char	val[UNSUB_ARG_MAX];

	if (ctype == NULL)
		return (0);
	if (strncasecmp(ctype, form, strlen(form)) == 0)
		return (form_value(body, len, ONE_CLICK_NAME, val,
		    sizeof(val)) == 0 && strcmp(val, ONE_CLICK_VALUE) == 0);
	if (strncasecmp(ctype, multi, strlen(multi)) == 0)
		return (multipart_one_click(ctype, body, len));
	return (0);
}

/* read_body - CONTENT_LENGTH bytes of in, at most UNSUB_BODY_MAX, into
 * body; their number, or -1 */
static long
read_body(FILE *in, char body[UNSUB_BODY_MAX])
{
	const char	*cl = getenv("CONTENT_LENGTH");
	char		*end;
	long		 n;

	if (cl == NULL || *cl == '\0' || !isdigit((unsigned char)*cl))
		return (-1);
	n = strtol(cl, &end, 10);
	if (*end != '\0' || n < 0 || n > UNSUB_BODY_MAX)
		return (-1);
	if (n > 0 && fread(body, 1, (size_t)n, in) != (size_t)n)
		return (-1);
	return (n);
}

/* unsub_read - see unsub_req.h */
enum unsub_flaw
unsub_read(struct unsub_req *r, FILE *in)
{
	const char	*m = getenv("REQUEST_METHOD"), *q;
	char		 body[UNSUB_BODY_MAX];
	long		 n;
	size_t		 i;

	memset(r, 0, sizeof(*r));
	r->method = UNSUB_OTHER;
	for (i = 0; m != NULL && i < nitems(methods); i++)
		if (strcmp(m, methods[i].name) == 0)
			r->method = methods[i].method;
	if (r->method == UNSUB_OTHER)
		return (UNSUB_METHOD);
	if ((q = getenv("QUERY_STRING")) == NULL || unsub_query(r, q) == -1)
		return (UNSUB_ARGS);
	if (r->method == UNSUB_GET)
		return (UNSUB_FINE);
	if ((n = read_body(in, body)) == -1 ||
	    !unsub_one_click(getenv("CONTENT_TYPE"), body, (size_t)n))
		return (UNSUB_BODY);
	return (UNSUB_FINE);
}
