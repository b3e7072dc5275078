/*
 * schedule.h - a time that comes back every week or every day
 *
 * Owns: what a person types for a list's digest (and, next, the weekly
 * update's) time: "Mon 10:00" (a day of the week, English three-letter
 * names, any case) or "daily 10:00", and the instants it names.  The
 * time is a wall time in the site's zone (the process's: clock_init()
 * sets TZ from [moot] timezone), so "Mon 10:00" stays 10:00 local on
 * both sides of a clock change; the C library's mktime() knows the
 * zone.  A wall time the zone skips (01:30 when the clocks go forward)
 * is the instant mktime() moves it to (02:30 summer time); one it
 * repeats is the first.  Pure: no database, no logging.
 */
#ifndef SCHEDULE_H
#define SCHEDULE_H

#include <time.h>

#define SCHEDULE_DAILY	7	/* wday: every day */

struct schedule {
	int	wday;		/* 0 Sunday .. 6 Saturday, or SCHEDULE_DAILY */
	int	hour, min;
};

/* schedule_parse - "Mon 10:00", "daily 18:30"; 0, or -1 if s is not
 * one (spaces around are allowed, nothing else) */
int	schedule_parse(const char *s, struct schedule *out);

/* schedule_next - the first instant of s after t (strictly) */
time_t	schedule_next(const struct schedule *s, time_t t);

/* schedule_prev - the last instant of s at or before t */
time_t	schedule_prev(const struct schedule *s, time_t t);

#endif /* SCHEDULE_H */
