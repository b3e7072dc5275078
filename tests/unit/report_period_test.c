/* report_period_test - the period of the report: --from and --to as days
 * in the site's zone, the default of the last 12 months, and the period
 * a mail's subject names, or does not (never guessed) */
#include <stdlib.h>
#include <string.h>

#include "gov/gov_report.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "../tap.h"

/* A subject, and what it should give: how (0 named, 1 none, 2 unclear)
 * and the days. */
static const struct {
	const char	*subject;
	int		 how;
	const char	*first, *last;
} subjects[] = {
	{ "2026-01-01 to 2026-06-30", 0, "2026-01-01", "2026-06-30" },
	{ "Report 2026-01-01 - 2026-06-30, please", 0, "2026-01-01",
	    "2026-06-30" },
	{ "2026-01-01\xe2\x80\x93" "2026-03-31", 0, "2026-01-01", "2026-03-31" },
	{ "2026-03-01 to 2026-03-01", 0, "2026-03-01", "2026-03-01" },
	{ "Report", 1, "2025-11-23", "2026-11-23" },
	{ "", 1, "2025-11-23", "2026-11-23" },
	{ "report since 2026-01", 2, "2025-11-23", "2026-11-23" },
	{ "2026-06-30 to 2026-01-01", 2, "2025-11-23", "2026-11-23" },
	{ "2026-02-30 to 2026-03-31", 2, "2025-11-23", "2026-11-23" },
	{ "2026-01-01 to 2026-06-30 v2", 2, "2025-11-23", "2026-11-23" },
	{ "2026-01-01", 2, "2025-11-23", "2026-11-23" },
	{ "2026-01-01-2026-06-30", 2, "2025-11-23", "2026-11-23" },
	{ "1 2026-01-01 to 2026-06-30", 2, "2025-11-23", "2026-11-23" },
};

int
main(void)
{
	struct report_period	p;
	struct vbuf		why;
	time_t			now = 1795428000;	/* 2026-11-23 10:00Z */

	vbuf_init(&why, 1024);
	unsetenv("MOOT_NOW");
	ok(clock_init("Europe/London", &why) == 0, "init with a zone");

	ok(gov_report_period(NULL, NULL, now, &p, &why) == 0 &&
	    strcmp(p.first, "2025-11-23") == 0 &&
	    strcmp(p.last, "2026-11-23") == 0 && p.to == now + 1,
	    "by default a year before today to now");
	ok(gov_report_period("2026-07-01", "2026-07-31", now, &p, &why) == 0 &&
	    p.from == 1782860400 && p.to == 1785538800,
	    "summer days: from local midnight (UTC+1) to the day after the last");
	ok(gov_report_period("2026-03-29", "2026-03-29", now, &p, &why) == 0 &&
	    p.to - p.from == 23 * 3600, "the day the clocks go forward has "
	    "23 hours");
	ok(gov_report_period(NULL, "2026-06-30", now, &p, &why) == 0 &&
	    strcmp(p.first, "2025-07-01") == 0, "--to alone: the year to it");
	vbuf_reset(&why);
	ok(gov_report_period("2026-02-29", NULL, now, &p, &why) == -1 &&
	    strstr(vbuf_str(&why), "not a date") != NULL,
	    "2026 has no 29 February");
	ok(gov_report_period("26-01-01", NULL, now, &p, &why) == -1,
	    "a date has four digits of year");
	vbuf_reset(&why);
	ok(gov_report_period("2026-05-01", "2026-04-30", now, &p, &why) == -1 &&
	    strstr(vbuf_str(&why), "empty") != NULL, "an empty period");

	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		int how = gov_report_period_subject(subjects[i].subject, now,
		    &p);

		ok(how == subjects[i].how &&
		    strcmp(p.first, subjects[i].first) == 0 &&
		    strcmp(p.last, subjects[i].last) == 0,
		    "subject \"%s\": %d, %s to %s (got %d, %s to %s)",
		    subjects[i].subject, subjects[i].how, subjects[i].first,
		    subjects[i].last, how, p.first, p.last);
	}
	ok(gov_report_period_subject(NULL, now, &p) == 1, "no subject");
	vbuf_release(&why);
	return (done_testing());
}
