/*
 * gov_report_period.c - the period a report covers; see gov_report.h
 *
 * Days are the site's (cal/cal_time.h: the process's zone), so a
 * period from 2026-01-01 begins at midnight in the site, whatever the
 * season; a zone that skips midnight begins that day an hour on.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cal/cal_time.h"
#include "gov/gov_report.h"
#include "gov/gov_report_int.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* day_parse - "YYYY-MM-DD", a real date, to its local midnight's UTC */
static int
day_parse(const char *s, int64_t *t)
{
	struct cal_local l;
	char		 buf[32];
	time_t		 u;

	if (strlen(s) != 10)
		return (-1);
	(void)snprintf(buf, sizeof(buf), "%s 00:00", s);
	if (cal_local_parse(buf, &l) == -1)
		return (-1);
	/* A zone that skips midnight starts the day an hour on. */
	if (cal_local_to_utc(&l, &u) == -1) {
		l.hour = 1;
		if (cal_local_to_utc(&l, &u) == -1)
			return (-1);
	}
	*t = (int64_t)u;
	return (0);
}

/* day_format - the local day of t as YYYY-MM-DD */
static void
day_format(int64_t t, char *buf)
{
	struct cal_local l;
	char		 tmp[32];	/* what int may print, for the compiler */

	cal_local_from_utc((time_t)t, &l);
	(void)snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", l.year % 10000,
	    l.month, l.day);
	(void)snprintf(buf, REPORT_DAY_SIZE, "%.10s", tmp);
}

/* year_before - the local midnight a year before t's day */
static int64_t
year_before(int64_t t)
{
	struct cal_local l;
	char		 buf[32];
	int64_t		 out;

	cal_local_from_utc((time_t)t, &l);
	if (l.month == 2 && l.day == 29)
		l.day = 28;
	(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d",
	    (l.year - 1) % 10000, l.month, l.day);
	return (day_parse(buf, &out) == 0 ? out : t - 365 * 86400);
}

/* gov_report_period - see gov_report.h */
int
gov_report_period(const char *first, const char *last, time_t now,
    struct report_period *p, struct vbuf *why)
{
	memset(p, 0, sizeof(*p));
	if (last != NULL) {
		if (day_parse(last, &p->to) == -1) {
			vbuf_printf(why, "\"%s\" is not a date (YYYY-MM-DD)",
			    last);
			return (-1);
		}
		/* The last day is in: the period ends at the next one. */
		p->to += 36 * 3600;
		day_format(p->to, p->last);
		(void)day_parse(p->last, &p->to);
		(void)snprintf(p->last, sizeof(p->last), "%s", last);
	} else {
		/* What happened at now is in: the period ends after it. */
		p->to = (int64_t)now + 1;
		day_format(now, p->last);
	}
	if (first != NULL) {
		if (day_parse(first, &p->from) == -1) {
			vbuf_printf(why, "\"%s\" is not a date (YYYY-MM-DD)",
			    first);
			return (-1);
		}
	} else
		p->from = year_before(p->to);
	day_format(p->from, p->first);
	if (p->from >= p->to) {
		vbuf_printf(why, "the period from %s to %s is empty",
		    p->first, p->last);
		return (-1);
	}
	return (0);
}

/* gov_report_period_subject - see gov_report.h */
int
gov_report_period_subject(const char *subject, time_t now,
    struct report_period *p)
{
	char		 day[2][REPORT_DAY_SIZE];
	const char	*s = subject != NULL ? subject : "";
	size_t		 n = 0, k;
	struct vbuf	 why;
	int		 digits = 0, rc;

	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		digits = 1;
		k = strspn(s, "0123456789-");
		/* A date stands alone: YYYY-MM-DD, no digit either side. */
		if (k == 10 && n < 2 && s[4] == '-' && s[7] == '-') {
			memcpy(day[n], s, 10);
			day[n++][10] = '\0';
		} else
			n = 3;		/* something else: not clear */
		s += k - 1;
	}
	vbuf_init(&why, 256);
	rc = n == 2 && gov_report_period(day[0], day[1], now, p, &why) == 0 ?
	    0 : -1;
	if (rc == -1)
		(void)gov_report_period(NULL, NULL, now, p, &why);
	vbuf_release(&why);
	return (rc == 0 ? 0 : digits ? 2 : 1);
}

/* gov_report_month_start - see gov_report_int.h */
int64_t
gov_report_month_start(int y, int m)
{
	char	buf[32];
	int64_t	t = 0;

	(void)snprintf(buf, sizeof(buf), "%04d-%02d-01", y % 10000, m);
	(void)day_parse(buf, &t);
	return (t);
}
