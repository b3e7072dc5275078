/*
 * plural.h - grammatical number: which form of a noun a count takes in
 * a language ("1 day", "2 days"; Arabic's six forms, Polish's four)
 *
 * Owns: the names of the CLDR plural categories and the choice among
 * them, through ICU's plural rules (uplrules), so no rule is written
 * here.  A language ICU does not know has one form, "other".  Never
 * logs.
 */
#ifndef PLURAL_H
#define PLURAL_H

#include <stddef.h>

/* CLDR's categories, in CLDR's order. */
enum plural_cat {
	PLURAL_ZERO,
	PLURAL_ONE,
	PLURAL_TWO,
	PLURAL_FEW,
	PLURAL_MANY,
	PLURAL_OTHER,
	PLURAL_NCATS
};

/* plural_select - the category of n in lang (a code such as "ar") */
enum plural_cat	plural_select(const char *lang, long long n);

/* plural_used - the categories lang has, each as bit 1 << cat; "other"
 * is always one of them */
unsigned	plural_used(const char *lang);

/* plural_named - the category called name (n bytes: "one", "few"),
 * or -1 if CLDR has none by that name */
int		plural_named(const char *name, size_t n);

/* plural_name - a category's CLDR name */
const char	*plural_name(enum plural_cat);

#endif /* PLURAL_H */
