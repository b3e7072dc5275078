/*
 * plural.c - grammatical number through ICU; see plural.h
 */
#include <string.h>

#include <unicode/uenum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "global/plural.h"
#include "util/sys_defs.h"

static const char *const names[PLURAL_NCATS] = {
	[PLURAL_ZERO] = "zero",
	[PLURAL_ONE] = "one",
	[PLURAL_TWO] = "two",
	[PLURAL_FEW] = "few",
	[PLURAL_MANY] = "many",
	[PLURAL_OTHER] = "other",
};

/* plural_name - see plural.h */
const char *
plural_name(enum plural_cat c)
{
	return ((unsigned)c < PLURAL_NCATS ? names[c] : "other");
}

/* plural_named - see plural.h */
int
plural_named(const char *name, size_t n)
{
	for (size_t i = 0; i < PLURAL_NCATS; i++)
		if (strlen(names[i]) == n && strncmp(names[i], name, n) == 0)
			return ((int)i);
	return (-1);
}

/* plural_select - see plural.h */
enum plural_cat
plural_select(const char *lang, long long n)
{
	UErrorCode	 status = U_ZERO_ERROR;
	UPluralRules	*rules;
	UChar		 kw[16];
	char		 name[16];
	int32_t		 len;
	int		 c;

	rules = uplrules_open(lang, &status);
	if (U_FAILURE(status))
		return (PLURAL_OTHER);
	len = uplrules_select(rules, (double)n, kw, nitems(kw), &status);
	uplrules_close(rules);
	if (U_FAILURE(status) || len <= 0 || len >= (int32_t)sizeof(name))
		return (PLURAL_OTHER);
	u_UCharsToChars(kw, name, len);
	c = plural_named(name, (size_t)len);
	return (c == -1 ? PLURAL_OTHER : (enum plural_cat)c);
}

/* plural_used - see plural.h */
unsigned
plural_used(const char *lang)
{
	UErrorCode	 status = U_ZERO_ERROR;
	UPluralRules	*rules;
	UEnumeration	*kws;
	const char	*kw;
	int32_t		 len;
	unsigned	 used = 1u << PLURAL_OTHER;
	int		 c;

	rules = uplrules_open(lang, &status);
	if (U_FAILURE(status))
		return (used);
	kws = uplrules_getKeywords(rules, &status);
	while (U_SUCCESS(status) && kws != NULL &&
	    (kw = uenum_next(kws, &len, &status)) != NULL)
		if ((c = plural_named(kw, (size_t)len)) != -1)
			used |= 1u << c;
	if (kws != NULL)
		uenum_close(kws);
	uplrules_close(rules);
	return (used);
}
