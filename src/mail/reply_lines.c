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

/* reply_is_attribution - see reply_lines.h */
int
reply_is_attribution(const char *s, size_t n, const char *rest)
{
	const char	*l;
	size_t		 ln;

	if (n == 0 || s[n - 1] != ':')
		return (0);
	while ((l = reply_next_line(&rest, &ln)) != NULL) {
		enum reply_line c = reply_line_class(l, ln);

		if (c == RL_BLANK)
			continue;
		return (c == RL_QUOTE);
	}
	return (0);
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
