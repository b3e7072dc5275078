/*
 * cal_rrule.h - the dates an RFC 5545 recurrence rule gives
 *
 * Owns: reading `--rrule 'FREQ=WEEKLY;COUNT=4'` with libical, from a
 * first start, into local wall times.  The rule is expanded in wall
 * time (as RFC 5545 expands a DTSTART with a TZID), so a weekly meeting
 * at 10:00 stays at 10:00 across clock changes; cal_time turns each
 * into an instant.  A rule must end (COUNT or UNTIL), give at most
 * CAL_RRULE_MAX meetings, and have the first start as its first.
 */
#ifndef CAL_RRULE_H
#define CAL_RRULE_H

#include <stddef.h>

#include <libical/ical.h>

#include "cal/cal_time.h"

struct vbuf;

/* Meetings one command may make from a rule: a decade of monthly ones. */
#define CAL_RRULE_MAX	120

/*
 * cal_rrule_expand - the wall times rule gives from first, into out
 * (room for max; it may begin at first), *n of them, first included; 0,
 * or -1 with err saying what is wrong with the rule.
 */
int	cal_rrule_expand(const char *rule, const struct cal_local *first,
	    struct cal_local *out, size_t max, size_t *n, struct vbuf *err);

/*
 * cal_rrule_wall - l as a libical date-time with no zone: the wall time
 * a recurrence rule steps through, and that cal_ical.c puts in a zone
 */
struct icaltimetype cal_rrule_wall(const struct cal_local *l);

#endif /* CAL_RRULE_H */
