/*
 * cal_time.h - a meeting's local wall time in the site's zone
 *
 * Owns: what a person types for a meeting's start ("2018-03-14 10:00"
 * or "2018-03-14T10:00"), and turning such a wall time into the UTC
 * instant it names and back.  The zone is the process's (clock_init()
 * sets TZ from [moot] timezone), read from the system's tzdata by the
 * C library, as for every other time moot shows; so a meeting at 10:00
 * stays at 10:00 on both sides of a clock change.  A wall time that the
 * zone skips (01:30 when the clocks go forward) names no instant and is
 * refused; one it repeats (01:30 when they go back) is the first.
 */
#ifndef CAL_TIME_H
#define CAL_TIME_H

#include <time.h>

struct cal_local {
	int	year, month, day;	/* month 1..12 */
	int	hour, min;
};

/* the length of "YYYY-MM-DD HH:MM" and its NUL */
#define CAL_LOCAL_SIZE	17

/* cal_local_parse - "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM", a real
 * date; 0, or -1 if s is not one */
int	cal_local_parse(const char *s, struct cal_local *out);

/* cal_local_format - "YYYY-MM-DD HH:MM" into buf[CAL_LOCAL_SIZE] */
void	cal_local_format(const struct cal_local *, char *buf);

/* cal_local_to_utc - the instant l names in the site's zone; 0, or -1
 * if the zone skips that wall time */
int	cal_local_to_utc(const struct cal_local *l, time_t *out);

/* cal_local_from_utc - the wall time of t in the site's zone */
void	cal_local_from_utc(time_t t, struct cal_local *out);

/* cal_local_add_days - l moved by days calendar days (negative: back),
 * the time of day kept */
void	cal_local_add_days(struct cal_local *l, int days);

/* cal_local_weekday - "Wednesday" for l's date, for people */
const char *cal_local_weekday(const struct cal_local *);

#endif /* CAL_TIME_H */
