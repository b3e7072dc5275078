/*
 * rota.c - turns and duty; see rota.h
 */
#include <string.h>
#include <time.h>

#include "global/rota.h"
#include "util/sys_defs.h"

#define EPOCH_DAY	19723	/* Monday 2024-01-01, in days since 1970 */

/* day_number - the local calendar date of t, in days since 1970 */
static int64_t
day_number(time_t t)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	/* The civil date at noon, read as UTC: whole days, no zone. */
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = 0;
	return ((int64_t)timegm(&tm) / 86400);
}

/* floor_div - division rounding down, for dates before the epoch */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a / b - (a % b != 0 && (a < 0) != (b < 0)));
}

/* rota_turn - see rota.h */
int64_t
rota_turn(int turn_days, time_t t)
{
	return (floor_div(day_number(t) - EPOCH_DAY, turn_days > 0 ?
	    turn_days : 7));
}

/* rota_turn_start - see rota.h */
time_t
rota_turn_start(int turn_days, int64_t index)
{
	time_t		day = (time_t)((EPOCH_DAY + index * (turn_days > 0 ?
			    turn_days : 7)) * 86400 + 43200);
	struct tm	tm;

	gmtime_r(&day, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;		/* local midnight, whatever the season */
	return (mktime(&tm));
}

/* rota_is_away - see rota.h */
int
rota_is_away(const struct rota *r, const char *addr, time_t t)
{
	for (size_t i = 0; i < r->naway; i++)
		if (strcmp(r->away[i].addr, addr) == 0 &&
		    r->away[i].from <= t && t < r->away[i].to)
			return (1);
	return (0);
}

/* rota_owner - see rota.h */
long
rota_owner(const struct rota *r, int64_t index)
{
	int64_t	n = (int64_t)r->n;

	if (n == 0)
		return (-1);
	return ((long)(((index % n) + n) % n));
}

/* skipped - addr is one of skip */
static int
skipped(const char *addr, const char *const *skip, size_t nskip)
{
	for (size_t i = 0; i < nskip; i++)
		if (strcmp(skip[i], addr) == 0)
			return (1);
	return (0);
}

/* rota_next - see rota.h */
long
rota_next(const struct rota *r, long pos, time_t t, const char *const *skip,
    size_t nskip)
{
	for (size_t k = 1; k <= r->n; k++) {
		long	p = (long)(((size_t)pos + k) % r->n);

		if (!rota_is_away(r, r->addrs[p], t) &&
		    !skipped(r->addrs[p], skip, nskip))
			return (p);
	}
	return (-1);
}

/* rota_on_duty - see rota.h */
long
rota_on_duty(const struct rota *r, time_t t)
{
	long	p = rota_owner(r, rota_turn(r->turn_days, t));

	if (p < 0)
		return (-1);
	if (!rota_is_away(r, r->addrs[p], t))
		return (p);
	return (rota_next(r, p, t, NULL, 0));
}
