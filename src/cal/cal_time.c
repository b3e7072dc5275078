/*
 * cal_time.c - local wall times in the site's zone; see cal_time.h
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cal/cal_time.h"
#include "util/sys_defs.h"

/* digits - exactly n digits at s into *out; the end, or NULL */
static const char *
digits(const char *s, int n, int *out)
{
	int	v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (NULL);
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return (s + n);
}

/* days_in_month - 28..31, by the Gregorian calendar */
static int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return (month == 2 && leap ? 29 : days[month - 1]);
}

/* cal_local_parse - see cal_time.h */
int
cal_local_parse(const char *s, struct cal_local *l)
{
	const char	*p = s;

	if ((p = digits(p, 4, &l->year)) == NULL || *p++ != '-' ||
	    (p = digits(p, 2, &l->month)) == NULL || *p++ != '-' ||
	    (p = digits(p, 2, &l->day)) == NULL || (*p != ' ' && *p != 'T'))
		return (-1);
	p++;
	if ((p = digits(p, 2, &l->hour)) == NULL || *p++ != ':' ||
	    (p = digits(p, 2, &l->min)) == NULL || *p != '\0')
		return (-1);
	/* Years before 1970 or past 9999 are not meetings to come or kept. */
	if (l->year < 1970 || l->month < 1 || l->month > 12 || l->day < 1 ||
	    l->day > days_in_month(l->year, l->month) || l->hour > 23 ||
	    l->min > 59)
		return (-1);
	return (0);
}

/* cal_local_format - see cal_time.h */
void
cal_local_format(const struct cal_local *l, char *buf)
{
	/* Unsigned and bounded, so that the compiler sees it fits. */
	(void)snprintf(buf, CAL_LOCAL_SIZE, "%04u-%02u-%02u %02u:%02u",
	    (unsigned)l->year % 10000u, (unsigned)l->month % 100u,
	    (unsigned)l->day % 100u, (unsigned)l->hour % 100u,
	    (unsigned)l->min % 100u);
}

/* to_tm - l as a struct tm for mktime, with isdst as given */
static void
to_tm(const struct cal_local *l, struct tm *tm, int isdst)
{
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = l->year - 1900;
	tm->tm_mon = l->month - 1;
	tm->tm_mday = l->day;
	tm->tm_hour = l->hour;
	tm->tm_min = l->min;
	tm->tm_isdst = isdst;
}

/* same_wall - t reads as l in the site's zone */
static int
same_wall(time_t t, const struct cal_local *l)
{
	struct cal_local	back;

	cal_local_from_utc(t, &back);
	return (memcmp(&back, l, sizeof(back)) == 0);
}

/* cal_local_to_utc - see cal_time.h */
int
cal_local_to_utc(const struct cal_local *l, time_t *out)
{
	struct tm	tm;
	time_t		t, best = (time_t)-1;
	int		found = 0;

	/*
	 * mktime() with tm_isdst -1 guesses in a repeated hour and quietly
	 * moves a skipped one, so ask it for standard and summer time each,
	 * keep those that read back as the same wall time, and take the
	 * earlier: the first 01:30 of the night the clocks go back.
	 */
	for (int isdst = 0; isdst <= 1; isdst++) {
		to_tm(l, &tm, isdst);
		if ((t = mktime(&tm)) == (time_t)-1 || !same_wall(t, l))
			continue;
		if (!found || t < best)
			best = t;
		found = 1;
	}
	if (!found)
		return (-1);
	*out = best;
	return (0);
}

/* cal_local_from_utc - see cal_time.h */
void
cal_local_from_utc(time_t t, struct cal_local *l)
{
	struct tm	tm;

	memset(l, 0, sizeof(*l));
	if (localtime_r(&t, &tm) == NULL)
		return;
	l->year = tm.tm_year + 1900;
	l->month = tm.tm_mon + 1;
	l->day = tm.tm_mday;
	l->hour = tm.tm_hour;
	l->min = tm.tm_min;
}

/*
 * civil_day - into tm, the civil date of l moved by days: the date at
 * noon read as UTC, so whole days with no zone in the way; -1 if out of
 * range
 */
static int
civil_day(const struct cal_local *l, int days, struct tm *tm)
{
	time_t	t;

	memset(tm, 0, sizeof(*tm));
	tm->tm_year = l->year - 1900;
	tm->tm_mon = l->month - 1;
	tm->tm_mday = l->day;
	tm->tm_hour = 12;
	t = timegm(tm) + (time_t)days * 86400;
	return (gmtime_r(&t, tm) == NULL ? -1 : 0);
}

/* cal_local_add_days - see cal_time.h */
void
cal_local_add_days(struct cal_local *l, int days)
{
	struct tm	tm;

	if (civil_day(l, days, &tm) == -1)
		return;
	l->year = tm.tm_year + 1900;
	l->month = tm.tm_mon + 1;
	l->day = tm.tm_mday;
}

/* cal_local_weekday - see cal_time.h */
const char *
cal_local_weekday(const struct cal_local *l)
{
	static const char *const names[] = { "Sunday", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday" };
	struct tm	tm;

	if (civil_day(l, 0, &tm) == -1)
		return ("?");
	return (names[tm.tm_wday % 7]);
}
