/*
 * clock.h - what time it is, in the site's time zone
 *
 * Owns: the clock and the time zone.  MOOT_NOW (an RFC 3339 time) in the
 * environment replaces the clock, so tests can stand on any Monday at
 * 10:00 (design.md, "Time").  clock_init() sets TZ for the process, so
 * call it at start, before any thread.  Calendar arithmetic is the C
 * library's (localtime_r, mktime), which knows daylight saving.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct vbuf;

int	clock_init(const char *timezone, struct vbuf *err);
time_t	clock_now(void);

/* clock_mono_ms - milliseconds of the monotonic clock, for timeouts
 * (never MOOT_NOW's) */
int64_t	clock_mono_ms(void);

/* clock_poll_pause - the pause between two looks at something another
 * process finishes (mootd --once and moot inject --wait watching the
 * spool): 1 ms for the first 100 ms of waited_ms, when most such waits
 * end, then 10 ms */
void	clock_poll_pause(int64_t waited_ms);

/* clock_parse_rfc3339 - "2026-11-23T10:00:00Z", "...+01:00"; -1 if bad */
int	clock_parse_rfc3339(const char *, time_t *);

/*
 * clock_parse_when - what a person types on the command line: an RFC 3339
 * time, or a date "2026-12-31" meaning its midnight in the site's zone, or
 * "2026-12-31 17:30" in the site's zone.  -1 if none of these.
 */
int	clock_parse_when(const char *, time_t *);

/* clock_rfc5322 - "Mon, 23 Nov 2026 10:00:00 +0000" for a Date: field */
void	clock_rfc5322(time_t, char *, size_t);

/* clock_iso - "2026-11-23 10:00" in the site's zone, for people */
void	clock_iso(time_t, char *, size_t);

/* clock_add_years - t plus n calendar years, in the site's zone (the
 * same day and time of day): an organiser's term, a year's review */
time_t	clock_add_years(time_t t, int n);

#endif /* CLOCK_H */
