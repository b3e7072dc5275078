/*
 * cal_ical.c - invitations and replies in iCalendar, by libical; see
 * cal_ical.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "cal/cal_ical.h"
#include "cal/cal_rrule.h"
#include "cal/cal_time.h"
#include "db/db_meeting.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Longer than any calendar program's reply; what is longer is refused
 * unread (threat D2). */
#define REPLY_MAX	(256 * 1024)

/* cal_ical_uid - see cal_ical.h */
void
cal_ical_uid(int64_t id, const char *domain, char *buf)
{
	(void)snprintf(buf, CAL_UID_MAX, "meeting-%lld@%s", (long long)id,
	    domain);
}

/* wall - l as a libical date-time in tz */
static struct icaltimetype
wall(const struct cal_local *l, icaltimezone *tz)
{
	struct icaltimetype t = cal_rrule_wall(l);

	return (icaltime_set_timezone(&t, tz));
}

/* utc - t as a libical UTC date-time */
static struct icaltimetype
utc(time_t t)
{
	return (icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone()));
}

/*
 * vtimezone - the zone's VTIMEZONE, its TZID the zone's own name (what
 * calendar programs know it by), cut to the years around the meeting:
 * the whole history of a zone since 1847 is long, and its oldest
 * offsets in seconds are what some readers refuse.  NULL if the system
 * has no such zone.
 */
static icalcomponent *
vtimezone(icaltimezone *tz, const char *zone, time_t start)
{
	icalcomponent	*c;
	icalproperty	*p;

	if ((c = icaltimezone_get_component(tz)) == NULL)
		return (NULL);
	c = icalcomponent_new_clone(c);
	icaltimezone_truncate_vtimezone(c, utc(start - 366 * 86400),
	    utc(start + 2 * 366 * 86400), 1);
	if ((p = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY)) !=
	    NULL)
		icalproperty_set_tzid(p, zone);
	return (c);
}

/* at - a DTSTART or DTEND property of wall time l, with TZID zone */
static icalproperty *
at(icalproperty *(*make)(struct icaltimetype), const struct cal_local *l,
    icaltimezone *tz, const char *zone)
{
	icalproperty	*p = make(wall(l, tz));

	icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
	icalproperty_add_parameter(p, icalparameter_new_tzid(zone));
	return (p);
}

/* person - ORGANIZER or ATTENDEE "mailto:addr" with its CN */
static icalproperty *
person(icalproperty *(*make)(const char *), const char *addr,
    const char *name)
{
	char		 uri[ADDR_MAX + 8];
	icalproperty	*p;

	(void)snprintf(uri, sizeof(uri), "mailto:%s", addr);
	p = make(uri);
	if (name != NULL && *name != '\0')
		icalproperty_add_parameter(p, icalparameter_new_cn(name));
	return (p);
}

/* cal_ical_write - see cal_ical.h */
int
cal_ical_write(const struct cal_ical_out *o, struct vbuf *out,
    struct vbuf *err)
{
	const struct meeting	*m = o->m;
	struct cal_local	 start, end;
	icaltimezone		*tz;
	icalcomponent		*cal, *ev, *vtz;
	icalproperty		*att;
	char			 uid[CAL_UID_MAX], *s;

	if ((tz = icaltimezone_get_builtin_timezone(m->zone)) == NULL ||
	    (vtz = vtimezone(tz, m->zone, (time_t)m->start_at)) == NULL) {
		vbuf_printf(err, "the system has no time zone %s", m->zone);
		return (-1);
	}
	cal_local_from_utc((time_t)m->start_at, &start);
	cal_local_from_utc((time_t)(m->start_at + m->duration), &end);
	cal_ical_uid(m->id, o->domain, uid);

	ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
	    icalproperty_new_uid(uid),
	    icalproperty_new_sequence((int)m->sequence),
	    icalproperty_new_dtstamp(utc(o->now)),
	    at(icalproperty_new_dtstart, &start, tz, m->zone),
	    at(icalproperty_new_dtend, &end, tz, m->zone),
	    icalproperty_new_summary(o->summary),
	    icalproperty_new_status(o->method == CAL_CANCEL ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
	    person(icalproperty_new_organizer, o->organizer,
	    o->organizer_name),
	    (void *)0);
	if (m->location != NULL && *m->location != '\0')
		icalcomponent_add_property(ev,
		    icalproperty_new_location(m->location));
	att = person(icalproperty_new_attendee, o->attendee,
	    o->attendee_name);
	icalproperty_add_parameter(att,
	    icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
	icalproperty_add_parameter(att,
	    icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
	icalproperty_add_parameter(att, icalparameter_new_rsvp(
	    o->method == CAL_CANCEL ? ICAL_RSVP_FALSE : ICAL_RSVP_TRUE));
	icalcomponent_add_property(ev, att);

	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_prodid("-//moot//meetings//EN"),
	    icalproperty_new_version("2.0"),
	    icalproperty_new_calscale("GREGORIAN"),
	    icalproperty_new_method(o->method == CAL_CANCEL ?
	    ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST),
	    vtz, ev, (void *)0);
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (s == NULL) {
		vbuf_puts(err, "libical could not write the invitation");
		return (-1);
	}
	vbuf_puts(out, s);
	free(s);
	return (vbuf_err(out) ? -1 : 0);
}

/* has_zone - whether cal holds a VTIMEZONE with TZID zone */
static int
has_zone(icalcomponent *cal, const char *zone)
{
	icalcomponent	*c;
	icalproperty	*p;

	for (c = icalcomponent_get_first_component(cal,
	    ICAL_VTIMEZONE_COMPONENT); c != NULL;
	    c = icalcomponent_get_next_component(cal,
	    ICAL_VTIMEZONE_COMPONENT))
		if ((p = icalcomponent_get_first_property(c,
		    ICAL_TZID_PROPERTY)) != NULL &&
		    strcmp(icalproperty_get_tzid(p), zone) == 0)
			return (1);
	return (0);
}

/* cal_ical_publish - see cal_ical.h */
int
cal_ical_publish(const struct meeting *const *ms,
    const char *const *summaries, size_t n, const char *domain,
    time_t now, struct vbuf *out, struct vbuf *err)
{
	struct cal_local	 start, end;
	icaltimezone		*tz;
	icalcomponent		*cal, *ev, *vtz;
	char			 uid[CAL_UID_MAX], *s;

	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_prodid("-//moot//meetings//EN"),
	    icalproperty_new_version("2.0"),
	    icalproperty_new_calscale("GREGORIAN"),
	    icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	for (size_t i = 0; i < n; i++) {
		const struct meeting	*m = ms[i];

		if ((tz = icaltimezone_get_builtin_timezone(m->zone)) ==
		    NULL) {
			vbuf_printf(err, "the system has no time zone %s",
			    m->zone);
			icalcomponent_free(cal);
			return (-1);
		}
		/* One VTIMEZONE per zone, before the events (RFC 5545 lets
		 * them come in any order; some readers want them first). */
		if (!has_zone(cal, m->zone)) {
			if ((vtz = vtimezone(tz, m->zone,
			    (time_t)m->start_at)) == NULL) {
				vbuf_printf(err, "the system has no time "
				    "zone %s", m->zone);
				icalcomponent_free(cal);
				return (-1);
			}
			icalcomponent_add_component(cal, vtz);
		}
		cal_local_from_utc((time_t)m->start_at, &start);
		cal_local_from_utc((time_t)(m->start_at + m->duration), &end);
		cal_ical_uid(m->id, domain, uid);
		ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
		    icalproperty_new_uid(uid),
		    icalproperty_new_sequence((int)m->sequence),
		    icalproperty_new_dtstamp(utc(now)),
		    at(icalproperty_new_dtstart, &start, tz, m->zone),
		    at(icalproperty_new_dtend, &end, tz, m->zone),
		    icalproperty_new_summary(summaries[i]),
		    icalproperty_new_status(ICAL_STATUS_CONFIRMED),
		    (void *)0);
		if (m->location != NULL && *m->location != '\0')
			icalcomponent_add_property(ev,
			    icalproperty_new_location(m->location));
		icalcomponent_add_component(cal, ev);
	}
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (s == NULL) {
		vbuf_puts(err, "libical could not write the calendar");
		return (-1);
	}
	vbuf_puts(out, s);
	free(s);
	return (vbuf_err(out) ? -1 : 0);
}

/* The answers a reply may carry, by PARTSTAT. */
static const struct {
	icalparameter_partstat	 partstat;
	enum invite_answer	 answer;
} answers[] = {
	{ ICAL_PARTSTAT_ACCEPTED, ANSWER_ACCEPTED },
	{ ICAL_PARTSTAT_DECLINED, ANSWER_DECLINED },
	{ ICAL_PARTSTAT_TENTATIVE, ANSWER_TENTATIVE },
};

/* reply_of - the answer in a REPLY's event; -1 if none */
static int
reply_of(icalcomponent *ev, struct cal_ical_reply *r)
{
	icalproperty		*p;
	icalparameter		*ps;
	const char		*uid, *who;

	if ((uid = icalcomponent_get_uid(ev)) == NULL ||
	    strlen(uid) >= sizeof(r->uid))
		return (-1);
	/* iTIP: a REPLY carries the one attendee who answers. */
	if ((p = icalcomponent_get_first_property(ev,
	    ICAL_ATTENDEE_PROPERTY)) == NULL ||
	    icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY) !=
	    NULL)
		return (-1);
	if ((who = icalproperty_get_attendee(p)) == NULL ||
	    (ps = icalproperty_get_first_parameter(p,
	    ICAL_PARTSTAT_PARAMETER)) == NULL)
		return (-1);
	if (strncasecmp(who, "mailto:", 7) == 0)
		who += 7;
	if (strlen(who) >= sizeof(r->attendee))
		return (-1);
	for (size_t i = 0; i < nitems(answers); i++)
		if (icalparameter_get_partstat(ps) == answers[i].partstat) {
			(void)snprintf(r->uid, sizeof(r->uid), "%s", uid);
			(void)snprintf(r->attendee, sizeof(r->attendee), "%s",
			    who);
			r->answer = answers[i].answer;
			return (0);
		}
	return (-1);
}

/* cal_ical_reply_read - see cal_ical.h */
int
cal_ical_reply_read(const char *text, size_t len, struct cal_ical_reply *r)
{
	icalcomponent	*cal, *ev;
	icalproperty	*meth;
	char		*copy;
	int		 rc = -1;

	memset(r, 0, sizeof(*r));
	if (len == 0 || len > REPLY_MAX)
		return (-1);
	/* libical reads a string: the part, NUL-ended. */
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	cal = icalparser_parse_string(copy);
	free(copy);
	if (cal == NULL)
		return (-1);
	if (icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT &&
	    (meth = icalcomponent_get_first_property(cal,
	    ICAL_METHOD_PROPERTY)) != NULL &&
	    icalproperty_get_method(meth) == ICAL_METHOD_REPLY &&
	    (ev = icalcomponent_get_first_component(cal,
	    ICAL_VEVENT_COMPONENT)) != NULL)
		rc = reply_of(ev, r);
	icalcomponent_free(cal);
	return (rc);
}
