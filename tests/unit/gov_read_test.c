/* gov_read_test - what a voter's first line chooses (gov/gov_read.h):
 * an option alone, polite words and punctuation aside, in the voter's
 * language for the options moot names itself; an objection with its
 * reason; anything else chooses nothing (threat B5) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "global/conf.h"
#include "gov/gov_read.h"
#include "gov/gov_tally.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "util/sys_defs.h"

static const struct {
	const char	*options;	/* the decision's */
	int		 consensus;
	const char	*lang;		/* the voter's */
	const char	*line;
	const char	*want;		/* the choice; NULL: none */
	const char	*reason;	/* an objection's */
} cases[] = {
	{ "for,against,abstain", 0, NULL, "for", "for", "" },
	{ "for,against,abstain", 0, NULL, "  Against! ", "against", "" },
	{ "for,against,abstain", 0, NULL, "for, thanks", "for", "" },
	{ "for,against,abstain", 0, NULL, "please: ABSTAIN.", "abstain", "" },
	{ "for,against,abstain", 0, NULL, "\"for\"", "for", "" },
	{ "for,against,abstain", 0, "fr", "Pour", "for", "" },
	{ "for,against,abstain", 0, "fr", "contre", "against", "" },
	{ "for,against,abstain", 0, "pl", "za", "for", "" },
	{ "for,against,abstain", 0, "uk", "проти", "against", "" },
	{ "for,against,abstain", 0, "ar", "ضد", "against", "" },
	/* never a guess */
	{ "for,against,abstain", 0, NULL, "for and against", NULL, "" },
	{ "for,against,abstain", 0, NULL, "I am for it", NULL, "" },
	{ "for,against,abstain", 0, NULL, "yes", NULL, "" },
	{ "for,against,abstain", 0, NULL, "", NULL, "" },
	{ "for,against,abstain", 0, "fr", "pour contre", NULL, "" },
	/* a vote's own options, as typed, several words too */
	{ "Red,Blue,Option C", 0, NULL, "blue", "Blue", "" },
	{ "Red,Blue,Option C", 0, NULL, "option c", "Option C", "" },
	{ "Red,Blue,Option C", 0, NULL, "option", NULL, "" },
	{ "Red,Blue,Option C", 0, NULL, "for", NULL, "" },
	/* a proposal: agree, object with a reason, abstain */
	{ "agree,object,abstain", 1, NULL, "agree", "agree", "" },
	{ "agree,object,abstain", 1, NULL, "Agreed, thanks", "agree", "" },
	{ "agree,object,abstain", 1, NULL, "object: too costly", "object",
	    "too costly" },
	{ "agree,object,abstain", 1, NULL, "Object we cannot afford it",
	    "object", "we cannot afford it" },
	{ "agree,object,abstain", 1, NULL, "object", NULL, "" },
	{ "agree,object,abstain", 1, NULL, "object!", NULL, "" },
	{ "agree,object,abstain", 1, "fr", "accord", "agree", "" },
	{ "agree,object,abstain", 1, NULL, "I agree mostly", NULL, "" },
};

int
main(void)
{
	const char		*src = getenv("MOOT_SRCDIR");
	char			 tdir[512];
	struct conf		 c;
	struct gov_tally	 t;
	struct gov_choice	 ch;
	struct vbuf		 why;
	int			 got;

	(void)snprintf(tdir, sizeof(tdir), "%s/templates",
	    src != NULL ? src : "..");
	memset(&c, 0, sizeof(c));
	c.templates = tdir;
	vbuf_init(&why, 1024);
	for (size_t i = 0; i < nitems(cases); i++) {
		vbuf_reset(&why);
		if (gov_options_parse(cases[i].options, &t, &why) == -1) {
			ok(0, "case %zu: options %s: %s", i, cases[i].options,
			    vbuf_str(&why));
			continue;
		}
		got = gov_read_line(&c, cases[i].lang, cases[i].line,
		    strlen(cases[i].line), &t, cases[i].consensus, &ch);
		if (cases[i].want == NULL) {
			ok(!got, "case %zu: \"%s\" chooses nothing", i,
			    cases[i].line);
			is_str(ch.read, cases[i].line,
			    "  and says what it read");
			continue;
		}
		ok(got, "case %zu: \"%s\" chooses", i, cases[i].line);
		is_str(ch.choice, cases[i].want, "  %s", cases[i].want);
		is_str(ch.reason, cases[i].reason, "  with its reason");
	}
	/* Options as gov_options_parse() takes them. */
	vbuf_reset(&why);
	ok(gov_options_parse("a", &t, &why) == -1, "one option is refused");
	ok(gov_options_parse("a,b,a", &t, &why) == -1, "a repeated option too");
	ok(gov_options_parse("a,,b", &t, &why) == -1, "an empty one too");
	ok(gov_options_parse("a,b=c", &t, &why) == -1, "an = too");
	ok(gov_options_parse("1,2,3,4,5,6,7,8,9", &t, &why) == -1,
	    "nine options too");
	vbuf_release(&why);
	return (done_testing());
}
