/*
 * reply_lines.c - a person's own words in a reply; see reply_lines.h
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "mail/reply_lines.h"
#include "util/sys_defs.h"

/* reply_line_class - see reply_lines.h */
enum reply_line
reply_line_class(const char *s, size_t n)
{
	size_t	i = 0;

	if ((n == 3 && memcmp(s, "-- ", 3) == 0) ||
	    (n == 2 && memcmp(s, "--", 2) == 0))
		return (RL_SIG);
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return (RL_BLANK);
	return (s[i] == '>' ? RL_QUOTE : RL_TEXT);
}

/* reply_next_line - see reply_lines.h */
const char *
reply_next_line(const char **p, size_t *n)
{
	const char	*s = *p;

	if (*s == '\0')
		return (NULL);
	*n = strcspn(s, "\n");
	*p = s + *n + (s[*n] == '\n');
	/* Trailing spaces do not count (a trailing '\r' is gone already). */
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return (s);
}

/* What "wrote" is in an attribution, lower case, in moot's languages
 * (and German, which many mail programs default to). */
static const char *const wrote[] = {
	"wrote", "writes", "schrieb", "\xc3\xa9" "crit", "ecrit", "a scris", "scrie", "pisze",
	"napisa\xc5\x82",						/* napisał */
	"\xd0\xbf\xd0\xb8\xd1\x88\xd0\xb5",				/* пише */
	"\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0",		/* написа */
	"\xd0\x9f\xd0\xb8\xd1\x88\xd0\xb5",				/* Пише */
	"\xd9\x83\xd8\xaa\xd8\xa8",					/* كتب */
	"\xd8\xa8\xd9\x88\xd8\xa7\xd8\xb3\xd8\xb7\xd8\xa9",		/* بواسطة */
	"\xd9\x86\xd9\x88\xd8\xb4\xd8\xaa",				/* نوشت */
	"\xe1\x8c\xb8\xe1\x88\x93\xe1\x8d\x88",			/* ጸሓፈ */
	"\xe1\x8c\xbd\xe1\x88\x92\xe1\x8d\x89",			/* ጽሒፉ */
	"\xe1\x8c\xbb\xe1\x8d\x88",					/* ጻፈ */
};

/* What a forwarded message's header says, lower case. */
static const char *const forwarded[] = {
	"forwarded message", "message transf", "message r\xc3\xa9" "exp",
	"przekazana wiadomo", "przekazywanej wiadomo", "mesaj redirec",
	"mesajului redirec",
	"\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd1\x81\xd0\xbb\xd0\xb0\xd0\xbd",	/* переслан */
	"\xd8\xb1\xd8\xb3\xd8\xa7\xd9\x84\xd8\xa9 \xd9\x85\xd8\xad\xd9\x88\xd9\x84\xd8\xa9",	/* رسالة محولة */
	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xb9\xd8\xa7\xd8\xaf \xd8\xaa\xd9\x88\xd8\xac\xd9\x8a\xd9\x87\xd9\x87\xd8\xa7",	/* المعاد توجيهها */
	"\xd9\xbe\xdb\x8c\xd8\xa7\xd9\x85 \xd8\xa8\xd8\xa7\xd8\xb2\xd8\xa7\xd8\xb1\xd8\xb3\xd8\xa7\xd9\x84",	/* پیام بازارسال */
};

/* Marks a line may end with after its colon: bidi controls (Gmail's
 * Arabic and Persian attributions), no-break spaces. */
static const char *const trailing[] = { "\xe2\x80\x8e", "\xe2\x80\x8f",
    "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
    "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",
    "\xe2\x81\xa9", "\xc2\xa0", "\xe2\x80\xaf", " ", "\t" };

/* ends_with_any - the length of the member of set that s ends with */
static size_t
ends_with_any(const char *s, size_t n, const char *const *set, size_t nset)
{
	for (size_t k = 0; k < nset; k++) {
		size_t	len = strlen(set[k]);

		if (len <= n && memcmp(s + n - len, set[k], len) == 0)
			return (len);
	}
	return (0);
}

/* ends_in_colon - s ends in ':' (or the Ethiopic "፦", or "："), bidi
 * marks and spaces after it aside */
static int
ends_in_colon(const char *s, size_t n)
{
	size_t	t;

	while ((t = ends_with_any(s, n, trailing, nitems(trailing))) > 0)
		n -= t;
	return ((n > 0 && s[n - 1] == ':') || (n >= 3 &&
	    (memcmp(s + n - 3, "\xe1\x8d\xa6", 3) == 0 ||
	    memcmp(s + n - 3, "\xef\xbc\x9a", 3) == 0)));
}

/* holds_any - s (n bytes) holds a member of set, ASCII case aside */
static int
holds_any(const char *s, size_t n, const char *const *set, size_t nset)
{
	for (size_t k = 0; k < nset; k++) {
		size_t	len = strlen(set[k]);

		for (size_t i = 0; i + len <= n; i++)
			if (strncasecmp(s + i, set[k], len) == 0)
				return (1);
	}
	return (0);
}

/* next_text - the next non-blank line of rest (its length in *n), or
 * NULL; *rest advances past it */
static const char *
next_text(const char **rest, size_t *n)
{
	const char	*l;

	while ((l = reply_next_line(rest, n)) != NULL)
		if (reply_line_class(l, *n) != RL_BLANK)
			return (l);
	return (NULL);
}

/* says_wrote - s, or s wrapped onto the line after it, is "... wrote:";
 * *after: the text after the attribution */
static int
says_wrote(const char *s, size_t n, const char *rest, const char **after)
{
	const char	*l;
	size_t		 ln;

	*after = rest;
	if (ends_in_colon(s, n))
		return (holds_any(s, n, wrote, nitems(wrote)));
	if ((l = reply_next_line(&rest, &ln)) == NULL ||
	    reply_line_class(l, ln) != RL_TEXT || !ends_in_colon(l, ln))
		return (0);
	*after = rest;
	return (holds_any(l, ln, wrote, nitems(wrote)) ||
	    holds_any(s, n, wrote, nitems(wrote)));
}

/* quoted_next - the next non-blank line of rest starts with '>' */
static int
quoted_next(const char *rest)
{
	const char	*l;
	size_t		 ln;

	return ((l = next_text(&rest, &ln)) != NULL &&
	    reply_line_class(l, ln) == RL_QUOTE);
}

/* reply_is_attribution - see reply_lines.h */
int
reply_is_attribution(const char *s, size_t n, const char *rest)
{
	const char	*after;

	return ((ends_in_colon(s, n) && quoted_next(rest)) ||
	    says_wrote(s, n, rest, &after));
}

/* header_like - s is "Name: value" or "Name : value", a mail header as
 * a mail program shows it (a short name, in any language) */
static int
header_like(const char *s, size_t n)
{
	size_t	i, spaces = 0;

	for (i = 0; i < n && i < 32 && s[i] != ':'; i++)
		if (s[i] == ' ' && ++spaces > 2)
			return (0);
	return (i > 0 && i < n && i < 32 && s[i] == ':' && s[0] != '>' &&
	    s[0] != ' ');
}

/* header_block - s begins a block of headers: "From: X <a@b>" with a
 * header after it, or three headers in a row */
static int
header_block(const char *s, size_t n, const char *rest)
{
	const char	*l;
	size_t		 ln;
	int		 run = 1;

	if (!header_like(s, n))
		return (0);
	while ((l = reply_next_line(&rest, &ln)) != NULL &&
	    header_like(l, ln) && run < 3)
		run++;
	return (run >= 3 || (run == 2 && memchr(s, '@', n) != NULL));
}

/* reply_quote_starts - see reply_lines.h */
int
reply_quote_starts(const char *s, size_t n, const char *rest)
{
	const char	*l, *after;
	size_t		 i, ln;

	if (n >= 12 && memcmp(s, "-----", 5) == 0 &&
	    memcmp(s + n - 3, "---", 3) == 0)
		return (1);	/* -----Original Message----- and kin */
	for (i = 0; i < n && s[i] == '_'; i++)
		;
	if (i >= 10 && i == n)	/* Outlook: a rule, then "From:" */
		return ((l = next_text(&rest, &ln)) != NULL &&
		    header_like(l, ln));
	if (holds_any(s, n, forwarded, nitems(forwarded)) ||
	    (n >= 16 && strncasecmp(s, "begin forwarded", 15) == 0))
		return (1);
	if (says_wrote(s, n, rest, &after) && !quoted_next(after))
		return (1);
	return (header_block(s, n, rest));
}

/*
 * Punctuation of other scripts, in UTF-8: a word ends at a comma or
 * colon (Arabic and Persian "،", Ethiopic "፣" "፡" "፥") as at ',' or ':', and loses the stops
 * and marks that may follow it ("؟" "؛" "۔" "።" "፧" "፤"), so that
 * "نه،" and "ኣጽድቕ።" read as the words themselves.
 */
static const char *const word_commas[] = { "\xd8\x8c", "\xe1\x8d\xa3",
    "\xe1\x8d\xa1", "\xe1\x8d\xa5" };
static const char *const word_stops[] = { "\xd8\x9f", "\xd8\x9b",
    "\xdb\x94", "\xe1\x8d\xa2", "\xe1\x8d\xa7", "\xe1\x8d\xa4" };

/* starts_with_any - the length of the member of set that s starts with */
static size_t
starts_with_any(const char *s, size_t n, const char *const *set,
    size_t nset)
{
	for (size_t k = 0; k < nset; k++) {
		size_t	len = strlen(set[k]);

		if (len <= n && memcmp(s, set[k], len) == 0)
			return (len);
	}
	return (0);
}

/* reply_first_word - see reply_lines.h */
size_t
reply_first_word(const char *s, size_t n, char *w, size_t size)
{
	size_t	i = 0, j = 0, k;
	int	more = 1;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	for (; i < n && !isspace((unsigned char)s[i]) && s[i] != ':' &&
	    s[i] != ',' && starts_with_any(s + i, n - i, word_commas,
	    nitems(word_commas)) == 0; i++)
		if (j + 1 < size)
			w[j++] = s[i];
	/* "approve." "approve!" "ok," read as the word itself. */
	while (more && j > 0) {
		more = 0;
		if (strchr(".!?;", w[j - 1]) != NULL) {
			j--;
			more = 1;
			continue;
		}
		for (k = 0; k < nitems(word_stops); k++) {
			size_t	len = strlen(word_stops[k]);

			if (len <= j && memcmp(w + j - len, word_stops[k],
			    len) == 0) {
				j -= len;
				more = 1;
				break;
			}
		}
	}
	w[j] = '\0';
	return (i);
}

/* reply_skip_separators - see reply_lines.h */
size_t
reply_skip_separators(const char *s, size_t n)
{
	size_t	i = 0, len;

	for (;;) {
		if (i < n && (isspace((unsigned char)s[i]) || s[i] == ':' ||
		    s[i] == '-' || s[i] == ','))
			i++;
		else if ((len = starts_with_any(s + i, n - i, word_commas,
		    nitems(word_commas))) > 0)
			i += len;
		else
			return (i);
	}
}

/* reply_unprefix - see reply_lines.h */
const char *
reply_unprefix(const char *s)
{
	static const char *const prefixes[] = { "re:", "aw:", "sv:", "fw:",
	    "fwd:", "tr:", "vs:" };
	int	again = 1;

	while (again) {
		again = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		for (size_t i = 0; i < nitems(prefixes); i++)
			if (strncasecmp(s, prefixes[i], strlen(prefixes[i])) ==
			    0) {
				s += strlen(prefixes[i]);
				again = 1;
			}
	}
	return (s);
}
