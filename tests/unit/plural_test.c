/* plural_test - counts in every language: the CLDR category ICU gives
 * each number, and the form of [days] the tree's phrases render for it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "global/plural.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "util/sys_defs.h"

static const struct {
	const char	*lang;
	long long	 n;
	enum plural_cat	 want;
	const char	*days;		/* [days] for n, from the tree */
} counts[] = {
	{ "en", 0, PLURAL_OTHER,
	    "0 days" },
	{ "en", 1, PLURAL_ONE,
	    "1 day" },
	{ "en", 2, PLURAL_OTHER,
	    "2 days" },
	{ "en", 3, PLURAL_OTHER,
	    "3 days" },
	{ "en", 5, PLURAL_OTHER,
	    "5 days" },
	{ "en", 11, PLURAL_OTHER,
	    "11 days" },
	{ "en", 12, PLURAL_OTHER,
	    "12 days" },
	{ "en", 21, PLURAL_OTHER,
	    "21 days" },
	{ "en", 22, PLURAL_OTHER,
	    "22 days" },
	{ "en", 25, PLURAL_OTHER,
	    "25 days" },
	{ "en", 100, PLURAL_OTHER,
	    "100 days" },
	{ "en", 101, PLURAL_OTHER,
	    "101 days" },
	{ "ar", 0, PLURAL_ZERO,
	    "0 \xd9\x8a\xd9\x88\xd9\x85" },
	{ "ar", 1, PLURAL_ONE,
	    "\xd9\x8a\xd9\x88\xd9\x85 \xd9\x88\xd8\xa7\xd8\xad\xd8\xaf" },
	{ "ar", 2, PLURAL_TWO,
	    "\xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x86" },
	{ "ar", 3, PLURAL_FEW,
	    "3 \xd8\xa3\xd9\x8a\xd8\xa7\xd9\x85" },
	{ "ar", 5, PLURAL_FEW,
	    "5 \xd8\xa3\xd9\x8a\xd8\xa7\xd9\x85" },
	{ "ar", 11, PLURAL_MANY,
	    "11 \xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x8b" },
	{ "ar", 12, PLURAL_MANY,
	    "12 \xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x8b" },
	{ "ar", 21, PLURAL_MANY,
	    "21 \xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x8b" },
	{ "ar", 22, PLURAL_MANY,
	    "22 \xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x8b" },
	{ "ar", 25, PLURAL_MANY,
	    "25 \xd9\x8a\xd9\x88\xd9\x85\xd8\xa7\xd9\x8b" },
	{ "ar", 100, PLURAL_OTHER,
	    "100 \xd9\x8a\xd9\x88\xd9\x85" },
	{ "ar", 101, PLURAL_OTHER,
	    "101 \xd9\x8a\xd9\x88\xd9\x85" },
	{ "fa", 0, PLURAL_ONE,
	    "0 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 1, PLURAL_ONE,
	    "1 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 2, PLURAL_OTHER,
	    "2 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 3, PLURAL_OTHER,
	    "3 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 5, PLURAL_OTHER,
	    "5 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 11, PLURAL_OTHER,
	    "11 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 12, PLURAL_OTHER,
	    "12 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 21, PLURAL_OTHER,
	    "21 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 22, PLURAL_OTHER,
	    "22 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 25, PLURAL_OTHER,
	    "25 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 100, PLURAL_OTHER,
	    "100 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fa", 101, PLURAL_OTHER,
	    "101 \xd8\xb1\xd9\x88\xd8\xb2" },
	{ "fr", 0, PLURAL_ONE,
	    "0 jour" },
	{ "fr", 1, PLURAL_ONE,
	    "1 jour" },
	{ "fr", 2, PLURAL_OTHER,
	    "2 jours" },
	{ "fr", 3, PLURAL_OTHER,
	    "3 jours" },
	{ "fr", 5, PLURAL_OTHER,
	    "5 jours" },
	{ "fr", 11, PLURAL_OTHER,
	    "11 jours" },
	{ "fr", 12, PLURAL_OTHER,
	    "12 jours" },
	{ "fr", 21, PLURAL_OTHER,
	    "21 jours" },
	{ "fr", 22, PLURAL_OTHER,
	    "22 jours" },
	{ "fr", 25, PLURAL_OTHER,
	    "25 jours" },
	{ "fr", 100, PLURAL_OTHER,
	    "100 jours" },
	{ "fr", 101, PLURAL_OTHER,
	    "101 jours" },
	{ "pl", 0, PLURAL_MANY,
	    "0 dni" },
	{ "pl", 1, PLURAL_ONE,
	    "1 dzie\xc5\x84" },
	{ "pl", 2, PLURAL_FEW,
	    "2 dni" },
	{ "pl", 3, PLURAL_FEW,
	    "3 dni" },
	{ "pl", 5, PLURAL_MANY,
	    "5 dni" },
	{ "pl", 11, PLURAL_MANY,
	    "11 dni" },
	{ "pl", 12, PLURAL_MANY,
	    "12 dni" },
	{ "pl", 21, PLURAL_MANY,
	    "21 dni" },
	{ "pl", 22, PLURAL_FEW,
	    "22 dni" },
	{ "pl", 25, PLURAL_MANY,
	    "25 dni" },
	{ "pl", 100, PLURAL_MANY,
	    "100 dni" },
	{ "pl", 101, PLURAL_MANY,
	    "101 dni" },
	{ "ro", 0, PLURAL_FEW,
	    "0 zile" },
	{ "ro", 1, PLURAL_ONE,
	    "1 zi" },
	{ "ro", 2, PLURAL_FEW,
	    "2 zile" },
	{ "ro", 3, PLURAL_FEW,
	    "3 zile" },
	{ "ro", 5, PLURAL_FEW,
	    "5 zile" },
	{ "ro", 11, PLURAL_FEW,
	    "11 zile" },
	{ "ro", 12, PLURAL_FEW,
	    "12 zile" },
	{ "ro", 21, PLURAL_OTHER,
	    "21 de zile" },
	{ "ro", 22, PLURAL_OTHER,
	    "22 de zile" },
	{ "ro", 25, PLURAL_OTHER,
	    "25 de zile" },
	{ "ro", 100, PLURAL_OTHER,
	    "100 de zile" },
	{ "ro", 101, PLURAL_FEW,
	    "101 zile" },
	{ "ti", 0, PLURAL_ONE,
	    "0 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb2" },
	{ "ti", 1, PLURAL_ONE,
	    "1 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb2" },
	{ "ti", 2, PLURAL_OTHER,
	    "2 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 3, PLURAL_OTHER,
	    "3 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 5, PLURAL_OTHER,
	    "5 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 11, PLURAL_OTHER,
	    "11 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 12, PLURAL_OTHER,
	    "12 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 21, PLURAL_OTHER,
	    "21 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 22, PLURAL_OTHER,
	    "22 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 25, PLURAL_OTHER,
	    "25 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 100, PLURAL_OTHER,
	    "100 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "ti", 101, PLURAL_OTHER,
	    "101 \xe1\x88\x98\xe1\x8b\x93\xe1\x88\x8d\xe1\x89\xb3\xe1\x89"
	    "\xb5" },
	{ "uk", 0, PLURAL_MANY,
	    "0 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 1, PLURAL_ONE,
	    "1 \xd0\xb4\xd0\xb5\xd0\xbd\xd1\x8c" },
	{ "uk", 2, PLURAL_FEW,
	    "2 \xd0\xb4\xd0\xbd\xd1\x96" },
	{ "uk", 3, PLURAL_FEW,
	    "3 \xd0\xb4\xd0\xbd\xd1\x96" },
	{ "uk", 5, PLURAL_MANY,
	    "5 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 11, PLURAL_MANY,
	    "11 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 12, PLURAL_MANY,
	    "12 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 21, PLURAL_ONE,
	    "21 \xd0\xb4\xd0\xb5\xd0\xbd\xd1\x8c" },
	{ "uk", 22, PLURAL_FEW,
	    "22 \xd0\xb4\xd0\xbd\xd1\x96" },
	{ "uk", 25, PLURAL_MANY,
	    "25 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 100, PLURAL_MANY,
	    "100 \xd0\xb4\xd0\xbd\xd1\x96\xd0\xb2" },
	{ "uk", 101, PLURAL_ONE,
	    "101 \xd0\xb4\xd0\xb5\xd0\xbd\xd1\x8c" },
};

/* The forms each language has, as CLDR lists them. */
static const struct {
	const char	*lang;
	const char	*forms;
} used[] = {
	{ "en", "one other" },
	{ "ar", "zero one two few many other" },
	{ "fa", "one other" },
	{ "fr", "one many other" },
	{ "pl", "one few many other" },
	{ "ro", "one few other" },
	{ "ti", "one other" },
	{ "uk", "one few many other" },
	{ "xx", "other" },		/* unknown to ICU: one form */
};

static void
test_names(void)
{
	is_int(plural_named("few", 3), PLURAL_FEW, "\"few\" is a category");
	is_int(plural_named("other", 5), PLURAL_OTHER, "\"other\" too");
	is_int(plural_named("fewer", 5), -1, "\"fewer\" is not");
	is_int(plural_named("fe", 2), -1, "nor \"fe\"");
	is_int(plural_named("", 0), -1, "nor \"\"");
	is_str(plural_name(PLURAL_MANY), "many", "PLURAL_MANY is \"many\"");
	is_str(plural_name(PLURAL_NCATS), "other", "past the end: \"other\"");
}

static void
test_used(void)
{
	char	got[64];

	for (size_t i = 0; i < nitems(used); i++) {
		unsigned	u = plural_used(used[i].lang);

		got[0] = '\0';
		for (int c = 0; c < PLURAL_NCATS; c++)
			if (u & (1u << c))
				(void)snprintf(got + strlen(got), sizeof(got) -
				    strlen(got), "%s%s", got[0] ? " " : "",
				    plural_name(c));
		is_str(got, used[i].forms, "%s has the forms CLDR lists",
		    used[i].lang);
	}
}

static void
test_counts(struct conf *c)
{
	struct vbuf	out, err;
	char		n[24];

	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&err, 4096);
	for (size_t i = 0; i < nitems(counts); i++) {
		const char		*langs[] = { counts[i].lang, NULL };
		struct tmpl_slot	 s[] = { { "n", n } };

		is_str(plural_name(plural_select(counts[i].lang, counts[i].n)),
		    plural_name(counts[i].want), "%s: %lld is %s",
		    counts[i].lang, counts[i].n, plural_name(counts[i].want));
		(void)snprintf(n, sizeof(n), "%lld", counts[i].n);
		vbuf_reset(&out);
		vbuf_reset(&err);
		is_int(tmpl_phrase(c, langs, "days", s, nitems(s), &out, &err),
		    0, "  [days] renders");
		is_str(vbuf_str(&out), counts[i].days, "  as %s's form",
		    counts[i].lang);
		is_str(vbuf_str(&err), "", "  from its own phrases");
	}
	vbuf_release(&out);
	vbuf_release(&err);
}

int
main(void)
{
	const char	*src = getenv("MOOT_SRCDIR");
	struct conf	 c;
	char		 tree[512];

	(void)snprintf(tree, sizeof(tree), "%s/templates",
	    src != NULL ? src : "..");
	memset(&c, 0, sizeof(c));
	c.language = "en";
	c.templates = tree;
	test_names();
	test_used();
	test_counts(&c);
	return (done_testing());
}
