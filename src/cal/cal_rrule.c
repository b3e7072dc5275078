/*
 * cal_rrule.c - expanding an RRULE with libical; see cal_rrule.h
 */
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "cal/cal_rrule.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Longer than any rule a person types; libical reads what it is given. */
#define RRULE_MAX_LEN	512

/* cal_rrule_wall - see cal_rrule.h */
struct icaltimetype
cal_rrule_wall(const struct cal_local *l)
{
	struct icaltimetype t = icaltime_null_time();

	t.year = l->year;
	t.month = l->month;
	t.day = l->day;
	t.hour = l->hour;
	t.minute = l->min;
	t.second = 0;
	t.is_date = 0;
	t.zone = NULL;
	return (t);
}

/* parse - rule (with or without "RRULE:") into *r; 0 or -1, said */
static int
parse(const char *rule, struct icalrecurrencetype *r, struct vbuf *err)
{
	if (strncasecmp(rule, "RRULE:", 6) == 0)
		rule += 6;
	if (*rule == '\0' || strlen(rule) > RRULE_MAX_LEN) {
		vbuf_printf(err, "--rrule: an RFC 5545 rule such as "
		    "'FREQ=WEEKLY;COUNT=4', please");
		return (-1);
	}
	/* A bad rule is the user's mistake, never a reason to abort. */
	icalerror_set_errors_are_fatal(0);
	icalerror_clear_errno();
	*r = icalrecurrencetype_from_string(rule);
	if (r->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		vbuf_printf(err, "--rrule: \"%s\" is not an RFC 5545 "
		    "recurrence rule (such as 'FREQ=WEEKLY;COUNT=4')", rule);
		icalerror_clear_errno();
		return (-1);
	}
	if (r->count <= 0 && icaltime_is_null_time(r->until)) {
		vbuf_printf(err, "--rrule: \"%s\" never ends: give COUNT or "
		    "UNTIL", rule);
		return (-1);
	}
	return (0);
}

/* cal_rrule_expand - see cal_rrule.h */
int
cal_rrule_expand(const char *rule, const struct cal_local *firstp,
    struct cal_local *out, size_t max, size_t *n, struct vbuf *err)
{
	/* A copy: out may begin where firstp points. */
	const struct cal_local first_copy = *firstp, *first = &first_copy;
	struct icalrecurrencetype r;
	struct icaltimetype	 t;
	icalrecur_iterator	*it;
	char			 want[CAL_LOCAL_SIZE];

	*n = 0;
	if (parse(rule, &r, err) == -1)
		return (-1);
	if ((it = icalrecur_iterator_new(r, cal_rrule_wall(first))) == NULL) {
		vbuf_printf(err, "--rrule: \"%s\" cannot be expanded: %s",
		    rule, icalerror_strerror(icalerrno));
		icalerror_clear_errno();
		return (-1);
	}
	for (t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
	    t = icalrecur_iterator_next(it)) {
		if (*n == max) {
			icalrecur_iterator_free(it);
			vbuf_printf(err, "--rrule: \"%s\" gives more than %zu "
			    "meetings", rule, max);
			return (-1);
		}
		out[*n] = (struct cal_local){ t.year, t.month, t.day, t.hour,
		    t.minute };
		(*n)++;
	}
	icalrecur_iterator_free(it);
	/* RFC 5545 leaves a DTSTART the rule does not give undefined: say
	 * so here rather than guess whether the first start is a meeting. */
	if (*n == 0 || memcmp(&out[0], first, sizeof(*first)) != 0) {
		cal_local_format(first, want);
		vbuf_printf(err, "--rrule: %s is not the first time \"%s\" "
		    "gives: start on a day the rule names", want, rule);
		*n = 0;
		return (-1);
	}
	return (0);
}
