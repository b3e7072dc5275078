/*
 * icalread.c - an iCalendar object read by libical alone, for the tests
 *
 * usage: icalread < object.ics
 * Prints METHOD, UID, SEQUENCE, STATUS, the DTSTART as written with its
 * TZID, the same instant in UTC as the object's own VTIMEZONE gives it,
 * ORGANIZER and each ATTENDEE with its RSVP, one "NAME=value" a line.
 * Uses none of moot's code, so that it checks what moot wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

int
main(void)
{
	static char	 buf[1 << 20];
	size_t		 n = fread(buf, 1, sizeof(buf) - 1, stdin);
	icalcomponent	*cal, *ev, *vtz;
	icalproperty	*p;
	icalparameter	*tzid, *rsvp;
	icaltimezone	*tz = NULL;
	struct icaltimetype t;

	buf[n] = '\0';
	if ((cal = icalparser_parse_string(buf)) == NULL ||
	    icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT ||
	    (ev = icalcomponent_get_first_component(cal,
	    ICAL_VEVENT_COMPONENT)) == NULL) {
		fprintf(stderr, "icalread: not an iCalendar event\n");
		return (1);
	}
	if (icalcomponent_count_errors(cal) > 0) {
		fprintf(stderr, "icalread: libical found errors\n");
		return (1);
	}
	p = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	printf("METHOD=%s\n", p != NULL ?
	    icalproperty_method_to_string(icalproperty_get_method(p)) : "");
	printf("UID=%s\n", icalcomponent_get_uid(ev));
	p = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
	printf("SEQUENCE=%d\n", p != NULL ? icalproperty_get_sequence(p) : -1);
	p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
	printf("STATUS=%s\n", p != NULL ?
	    icalproperty_status_to_string(icalproperty_get_status(p)) : "");
	p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	tzid = p != NULL ? icalproperty_get_first_parameter(p,
	    ICAL_TZID_PARAMETER) : NULL;
	t = icalproperty_get_dtstart(p);
	printf("TZID=%s\n", tzid != NULL ? icalparameter_get_tzid(tzid) : "");
	printf("DTSTART=%04d-%02d-%02d %02d:%02d\n", t.year, t.month, t.day,
	    t.hour, t.minute);
	for (vtz = icalcomponent_get_first_component(cal,
	    ICAL_VTIMEZONE_COMPONENT); vtz != NULL;
	    vtz = icalcomponent_get_next_component(cal,
	    ICAL_VTIMEZONE_COMPONENT)) {
		tz = icaltimezone_new();
		if (!icaltimezone_set_component(tz,
		    icalcomponent_new_clone(vtz)))
			return (1);
		printf("VTIMEZONE=%s\n", icaltimezone_get_tzid(tz));
		break;
	}
	if (tz != NULL) {
		t.zone = NULL;
		icaltimezone_convert_time(&t, tz,
		    icaltimezone_get_utc_timezone());
		printf("DTSTART_UTC=%04d-%02d-%02d %02d:%02d\n", t.year,
		    t.month, t.day, t.hour, t.minute);
		icaltimezone_free(tz, 1);
	}
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	printf("ORGANIZER=%s\n", p != NULL ? icalproperty_get_organizer(p) :
	    "");
	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(ev,
	    ICAL_ATTENDEE_PROPERTY)) {
		rsvp = icalproperty_get_first_parameter(p,
		    ICAL_RSVP_PARAMETER);
		printf("ATTENDEE=%s RSVP=%s\n", icalproperty_get_attendee(p),
		    rsvp != NULL && icalparameter_get_rsvp(rsvp) ==
		    ICAL_RSVP_TRUE ? "TRUE" : "FALSE");
	}
	icalcomponent_free(cal);
	return (0);
}
