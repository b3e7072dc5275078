/*
 * cal_ical.h - a meeting as iCalendar (RFC 5545, iTIP RFC 5546), by libical
 *
 * Owns: writing the invitation (METHOD:REQUEST) or cancellation
 * (METHOD:CANCEL) of one meeting to one member, and reading a calendar
 * program's METHOD:REPLY.  Nothing is written by hand: libical makes
 * every line, folds it and escapes its text.  The start and end are
 * wall times in the site's zone, with that zone's VTIMEZONE (from the
 * system's tzdata, by libical, cut to the years around the meeting),
 * so a calendar shows 10:00 on both sides of a clock change.  The UID
 * is "meeting-ID@domain", the same in every message about a meeting,
 * and SEQUENCE is the meeting's, which cal_meeting raises on every move
 * and cancellation, so a calendar replaces what it had.
 */
#ifndef CAL_ICAL_H
#define CAL_ICAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "db/db_invite.h"
#include "mail/addr.h"

struct meeting;
struct vbuf;

enum cal_method {
	CAL_REQUEST,
	CAL_CANCEL,
};

struct cal_ical_out {
	const struct meeting *m;
	enum cal_method	 method;
	const char	*domain;	/* the list domain, for the UID */
	const char	*summary;	/* the event's title */
	const char	*organizer;	/* LIST-meeting+TOKEN@domain */
	const char	*organizer_name;
	const char	*attendee;	/* the member it goes to */
	const char	*attendee_name;	/* NULL or "": none */
	time_t		 now;		/* DTSTAMP */
};

/* cal_ical_write - the VCALENDAR for o, CRLF lines, into out; 0, or -1
 * with err */
int	cal_ical_write(const struct cal_ical_out *o, struct vbuf *out,
	    struct vbuf *err);

/*
 * cal_ical_publish - the n meetings ms as one VCALENDAR with METHOD:
 * PUBLISH (RFC 5546: a calendar to add, no attendees, no answers), for
 * the weekly update; each event's UID and SEQUENCE are those of the
 * meeting's invitations, so a calendar that has it already keeps one
 * copy.  summaries[i] is ms[i]'s title.  CRLF lines into out; 0, or -1
 * with err.
 */
int	cal_ical_publish(const struct meeting *const *ms,
	    const char *const *summaries, size_t n, const char *domain,
	    time_t now, struct vbuf *out, struct vbuf *err);

/* The UID's size: "meeting-" + id + "@" + a domain. */
#define CAL_UID_MAX	300

/* cal_ical_uid - "meeting-ID@domain" into buf[CAL_UID_MAX] */
void	cal_ical_uid(int64_t id, const char *domain, char *buf);

/* What a calendar program's answer says. */
struct cal_ical_reply {
	char		 uid[CAL_UID_MAX];
	char		 attendee[ADDR_MAX + 1];	/* without mailto: */
	enum invite_answer answer;
};

/*
 * cal_ical_reply_read - text (an iCalendar object, len bytes) as an
 * iTIP METHOD:REPLY to an event, with one ATTENDEE whose PARTSTAT is
 * ACCEPTED, DECLINED or TENTATIVE; 0 with *r, or -1 if it is not one
 */
int	cal_ical_reply_read(const char *text, size_t len,
	    struct cal_ical_reply *r);

#endif /* CAL_ICAL_H */
