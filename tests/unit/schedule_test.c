/* schedule_test - "Mon 10:00" read, and its times in Europe/London
 * across the March and October clock changes */
#include <string.h>

#include "util/clock.h"
#include "global/schedule.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"
#include "../tap.h"

static time_t
at(const char *when)
{
	time_t	t = 0;

	if (clock_parse_when(when, &t) == -1)
		printf("Bail out! bad time %s\n", when);
	return (t);
}

/* local - t as "YYYY-MM-DD HH:MM" in the site's zone */
static const char *
local(time_t t)
{
	static char	buf[64];

	clock_iso(t, buf, sizeof(buf));
	return (buf);
}

static const struct {
	const char	*text;
	int		 ok, wday, hour, min;
} parses[] = {
	{ "Mon 10:00", 0, 1, 10, 0 },
	{ "mon 10:00", 0, 1, 10, 0 },
	{ "  SUN 23:59 ", 0, 0, 23, 59 },
	{ "daily 7:05", 0, SCHEDULE_DAILY, 7, 5 },
	{ "Sat 00:00", 0, 6, 0, 0 },
	{ "Mon 24:00", -1, 0, 0, 0 },
	{ "Mon 10:60", -1, 0, 0, 0 },
	{ "Mon 10:5", -1, 0, 0, 0 },
	{ "Mon 10:00 please", -1, 0, 0, 0 },
	{ "Monday 10:00", -1, 0, 0, 0 },
	{ "Mon", -1, 0, 0, 0 },
	{ "10:00", -1, 0, 0, 0 },
	{ "", -1, 0, 0, 0 },
};

static const struct {
	const char	*sched, *after, *next, *prev;
} times[] = {
	/* an ordinary week: strictly after, at or before */
	{ "Mon 10:00", "2026-11-23 09:59", "2026-11-23 10:00",
	    "2026-11-16 10:00" },
	{ "Mon 10:00", "2026-11-23 10:00", "2026-11-30 10:00",
	    "2026-11-23 10:00" },
	{ "Mon 10:00", "2026-11-25 12:00", "2026-11-30 10:00",
	    "2026-11-23 10:00" },
	{ "Sun 23:30", "2026-11-23 00:00", "2026-11-29 23:30",
	    "2026-11-22 23:30" },
	/* clocks go forward on Sunday 29 March 2026: the Mondays either
	 * side are both at 10:00 local (09:00 and 10:00 UTC) */
	{ "Mon 10:00", "2026-03-23 10:00", "2026-03-30 10:00",
	    "2026-03-23 10:00" },
	{ "Mon 10:00", "2026-03-30 09:59", "2026-03-30 10:00",
	    "2026-03-23 10:00" },
	/* and back on Sunday 25 October 2026 */
	{ "Mon 10:00", "2026-10-19 10:00", "2026-10-26 10:00",
	    "2026-10-19 10:00" },
	{ "Mon 10:00", "2026-10-26 09:59", "2026-10-26 10:00",
	    "2026-10-19 10:00" },
	/* a daily time across the changes */
	{ "daily 10:00", "2026-03-28 10:00", "2026-03-29 10:00",
	    "2026-03-28 10:00" },
	{ "daily 10:00", "2026-10-25 09:00", "2026-10-25 10:00",
	    "2026-10-24 10:00" },
	/* the hour the clocks skip moves on, the one they repeat is once */
	{ "Sun 01:30", "2026-03-28 12:00", "2026-03-29 02:30",
	    "2026-03-22 01:30" },
};

int
main(void)
{
	struct vbuf	 err;
	struct schedule	 s;
	time_t		 t, n;

	vbuf_init(&err, 256);
	if (clock_init("Europe/London", &err) == -1)
		printf("Bail out! %s\n", vbuf_str(&err));
	for (size_t i = 0; i < nitems(parses); i++) {
		memset(&s, 0, sizeof(s));
		is_int(schedule_parse(parses[i].text, &s), parses[i].ok,
		    "parse \"%s\"", parses[i].text);
		if (parses[i].ok == 0)
			ok(s.wday == parses[i].wday && s.hour ==
			    parses[i].hour && s.min == parses[i].min,
			    "  day %d %02d:%02d", s.wday, s.hour, s.min);
	}
	for (size_t i = 0; i < nitems(times); i++) {
		if (schedule_parse(times[i].sched, &s) == -1)
			printf("Bail out! %s\n", times[i].sched);
		t = at(times[i].after);
		is_str(local(schedule_next(&s, t)), times[i].next,
		    "%s: next after %s", times[i].sched, times[i].after);
		is_str(local(schedule_prev(&s, t)), times[i].prev,
		    "%s: last at or before %s", times[i].sched,
		    times[i].after);
	}

	/* The instants, not only their local names: the week across the
	 * March change is 167 hours, across October 169. */
	(void)schedule_parse("Mon 10:00", &s);
	t = schedule_next(&s, at("2026-03-23 09:00"));
	n = schedule_next(&s, t);
	is_int((long long)(n - t), 167LL * 3600, "March: 167 hours apart");
	t = schedule_next(&s, at("2026-10-19 09:00"));
	n = schedule_next(&s, t);
	is_int((long long)(n - t), 169LL * 3600, "October: 169 hours apart");
	is_int((long long)schedule_next(&s, at("2026-10-26T10:00:00Z")),
	    (long long)at("2026-11-02 10:00"), "at 10:00 UTC (10:00 GMT) "
	    "the next is a week on");
	is_int((long long)schedule_prev(&s, at("2026-03-30T09:00:00Z")),
	    (long long)at("2026-03-30T09:00:00Z"), "10:00 BST is 09:00 UTC");
	vbuf_release(&err);
	return (done_testing());
}
