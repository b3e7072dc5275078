/*
 * clock.c - the clock and the site's time zone; see clock.h
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static int	clock_fixed;		/* MOOT_NOW was given */
static time_t	clock_fixed_at;

/* clock_init - adopt the site's zone; read MOOT_NOW if set */
int
clock_init(const char *timezone, struct vbuf *err)
{
	const char	*now = getenv("MOOT_NOW");

	if (setenv("TZ", timezone, 1) == -1) {
		vbuf_printf(err, "cannot set the time zone %s", timezone);
		return (-1);
	}
	tzset();
	clock_fixed = 0;
	if (now != NULL && *now != '\0') {
		if (clock_parse_rfc3339(now, &clock_fixed_at) == -1) {
			vbuf_printf(err, "MOOT_NOW=%s is not an RFC 3339 time "
			    "such as 2026-11-23T10:00:00Z", now);
			return (-1);
		}
		clock_fixed = 1;
	}
	return (0);
}

/* clock_now - MOOT_NOW if given, else the system's clock */
time_t
clock_now(void)
{
	return (clock_fixed ? clock_fixed_at : time(NULL));
}

/* parse_digits - exactly n digits at *p into *out; advances *p */
static int
parse_digits(const char **p, int n, int *out)
{
	int	v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return (-1);
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return (0);
}

/* parse_ymd_hm - "YYYY-MM-DD" and optionally sep "HH:MM[:SS]" into tm */
static const char *
parse_ymd_hm(const char *p, struct tm *tm, int seps_ok, int *has_time)
{
	int	y, mo, d, h = 0, mi = 0, s = 0;

	*has_time = 0;
	if (parse_digits(&p, 4, &y) == -1 || *p++ != '-' ||
	    parse_digits(&p, 2, &mo) == -1 || *p++ != '-' ||
	    parse_digits(&p, 2, &d) == -1)
		return (NULL);
	if (*p == 'T' || *p == 't' || (seps_ok && *p == ' ')) {
		p++;
		if (parse_digits(&p, 2, &h) == -1 || *p++ != ':' ||
		    parse_digits(&p, 2, &mi) == -1)
			return (NULL);
		if (*p == ':') {
			p++;
			if (parse_digits(&p, 2, &s) == -1)
				return (NULL);
			if (*p == '.')		/* fractions are dropped */
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		*has_time = 1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    s > 60)
		return (NULL);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s == 60 ? 59 : s;
	return (p);
}

/* clock_parse_rfc3339 - see clock.h */
int
clock_parse_rfc3339(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p;
	int		 has_time, oh, om, sign;
	time_t		 t;

	if ((p = parse_ymd_hm(s, &tm, 0, &has_time)) == NULL || !has_time)
		return (-1);
	t = timegm(&tm);
	if (t == (time_t)-1)
		return (-1);
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '+' ? 1 : -1;
		if (parse_digits(&p, 2, &oh) == -1 || *p++ != ':' ||
		    parse_digits(&p, 2, &om) == -1 || oh > 23 || om > 59)
			return (-1);
		t -= sign * (oh * 3600 + om * 60);
	} else
		return (-1);
	if (*p != '\0')
		return (-1);
	*out = t;
	return (0);
}

/* clock_parse_when - see clock.h */
int
clock_parse_when(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p;
	int		 has_time;
	time_t		 t;

	if (clock_parse_rfc3339(s, out) == 0)
		return (0);
	if ((p = parse_ymd_hm(s, &tm, 1, &has_time)) == NULL || *p != '\0')
		return (-1);
	tm.tm_isdst = -1;		/* let mktime decide, in the site's zone */
	if ((t = mktime(&tm)) == (time_t)-1)
		return (-1);
	*out = t;
	return (0);
}

/* clock_rfc5322 - the Date: field's form, in the site's zone */
void
clock_rfc5322(time_t t, char *buf, size_t size)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm;
	long		 off;

	/* Written out rather than with strftime %a/%b, which follow LC_TIME. */
	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	(void)snprintf(buf, size, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

/* clock_iso - "2026-11-23 10:00" in the site's zone */
void
clock_iso(time_t t, char *buf, size_t size)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	if (strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0 && size > 0)
		buf[0] = '\0';
}

/* clock_add_years - see clock.h */
time_t
clock_add_years(time_t t, int n)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	tm.tm_year += n;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

/* clock_mono_ms - see clock.h */
int64_t
clock_mono_ms(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* clock_poll_pause - see clock.h */
void
clock_poll_pause(int64_t waited_ms)
{
	(void)usleep(waited_ms < 100 ? 1000 : 10000);
}
