/*
 * schedule.c - a time that comes back every week or every day; see
 * schedule.h
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "global/schedule.h"
#include "util/sys_defs.h"

/* The words of a schedule's day, by struct tm's tm_wday. */
static const char *const days[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat",
	[SCHEDULE_DAILY] = "daily",
};

/* schedule_parse - see schedule.h */
int
schedule_parse(const char *s, struct schedule *out)
{
	size_t	dl;
	int	h, m, used = 0;

	while (isspace((unsigned char)*s))
		s++;
	dl = strcspn(s, " \t");
	for (size_t i = 0; i < nitems(days); i++) {
		if (strlen(days[i]) != dl || strncasecmp(s, days[i], dl) != 0)
			continue;
		/* "10:00", two digits for the minutes; then only spaces */
		if (sscanf(s + dl, " %2d:%2d%n", &h, &m, &used) != 2 ||
		    h < 0 || h > 23 || m < 0 || m > 59 ||
		    !isdigit((unsigned char)s[dl + used - 1]) ||
		    !isdigit((unsigned char)s[dl + used - 2]) ||
		    s[dl + used - 3] != ':')
			return (-1);
		for (s += dl + used; isspace((unsigned char)*s); s++)
			;
		if (*s != '\0')
			return (-1);
		out->wday = (int)i;
		out->hour = h;
		out->min = m;
		return (0);
	}
	return (-1);
}

/* on_day - the instant of s's time on the local date of t moved by
 * days (the calendar's days, not 86400 seconds: a day may be 23 or 25
 * hours long), and that date's weekday in *wday */
static time_t
on_day(const struct schedule *s, time_t t, int days_off, int *wday)
{
	struct tm	tm;
	time_t		at;

	(void)localtime_r(&t, &tm);
	tm.tm_mday += days_off;
	tm.tm_hour = s->hour;
	tm.tm_min = s->min;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;	/* whichever is in force that day */
	at = mktime(&tm);
	*wday = tm.tm_wday;
	return (at);
}

/* schedule_next - see schedule.h */
time_t
schedule_next(const struct schedule *s, time_t t)
{
	time_t	at;
	int	wday;

	/* Today and the next seven days hold one of a week's times. */
	for (int d = 0; d <= 8; d++) {
		at = on_day(s, t, d, &wday);
		if (at > t && (s->wday == SCHEDULE_DAILY || wday == s->wday))
			return (at);
	}
	return (t + 7 * 86400);	/* not reached: a week has every day */
}

/* schedule_prev - see schedule.h */
time_t
schedule_prev(const struct schedule *s, time_t t)
{
	time_t	at;
	int	wday;

	for (int d = 0; d >= -8; d--) {
		at = on_day(s, t, d, &wday);
		if (at <= t && (s->wday == SCHEDULE_DAILY || wday == s->wday))
			return (at);
	}
	return (t - 7 * 86400);	/* not reached */
}
