/* cal_test - meeting times in the site's zone, and RRULE expansion */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "cal/cal_ical.h"
#include "cal/cal_invite.h"
#include "cal/cal_rrule.h"
#include "cal/cal_time.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "../tap.h"

/* parsed - s parsed and formatted back, or "bad" */
static const char *
parsed(const char *s)
{
	static char		buf[CAL_LOCAL_SIZE];
	struct cal_local	l;

	if (cal_local_parse(s, &l) == -1)
		return ("bad");
	cal_local_format(&l, buf);
	return (buf);
}

/* utc - the instant of wall time s, or -1 */
static long long
utc(const char *s)
{
	struct cal_local	l;
	time_t			t;

	if (cal_local_parse(s, &l) == -1 || cal_local_to_utc(&l, &t) == -1)
		return (-1);
	return ((long long)t);
}

static void
test_parse(void)
{
	is_str(parsed("2018-03-14 10:00"), "2018-03-14 10:00", "a space");
	is_str(parsed("2018-03-14T10:00"), "2018-03-14 10:00", "or a T");
	is_str(parsed("2016-02-29 09:30"), "2016-02-29 09:30", "a leap day");
	is_str(parsed("2018-02-29 09:30"), "bad", "no leap day in 2018");
	is_str(parsed("2018-04-31 10:00"), "bad", "30 days in April");
	is_str(parsed("2018-13-01 10:00"), "bad", "month 13");
	is_str(parsed("2018-03-14 24:00"), "bad", "hour 24");
	is_str(parsed("2018-03-14 10:60"), "bad", "minute 60");
	is_str(parsed("2018-03-14"), "bad", "a date alone is not a start");
	is_str(parsed("2018-03-14 10:00:00"), "bad", "no seconds");
	is_str(parsed("2018-03-14 10:00Z"), "bad", "no zone: it is local");
	is_str(parsed("18-03-14 10:00"), "bad", "four-digit years");
	is_str(parsed("2018-3-14 10:00"), "bad", "two-digit months");
	is_str(parsed(" 2018-03-14 10:00"), "bad", "nothing before");
	is_str(parsed(""), "bad", "nothing at all");
}

static void
test_zone(void)
{
	struct cal_local	l;
	char			buf[CAL_LOCAL_SIZE];

	/* London: UTC in winter, UTC+1 from the last Sunday of March. */
	ok(utc("2018-03-14 10:00") == 1521021600, "winter: 10:00 is 10:00Z");
	ok(utc("2018-04-04 10:00") == 1522832400, "summer: 10:00 is 09:00Z");
	ok(utc("2018-03-25 01:30") == -1, "the skipped hour names no time");
	ok(utc("2018-03-25 02:00") == 1521939600, "02:00 is 01:00Z");
	/* 2018-10-28 01:30 comes twice: first in summer time, 00:30Z. */
	ok(utc("2018-10-28 01:30") == 1540686600, "a repeated time is the "
	    "first");
	cal_local_from_utc(1540690200, &l);	/* 01:30Z, the second one */
	cal_local_format(&l, buf);
	is_str(buf, "2018-10-28 01:30", "and the second reads the same");

	ok(cal_local_parse("2017-12-31 10:00", &l) == 0, "parse");
	cal_local_add_days(&l, 1);
	cal_local_format(&l, buf);
	is_str(buf, "2018-01-01 10:00", "a day on, into the new year");
	cal_local_add_days(&l, -21);
	cal_local_format(&l, buf);
	is_str(buf, "2017-12-11 10:00", "three weeks back, time kept");
	ok(cal_local_parse("2017-11-22 10:00", &l) == 0 &&
	    strcmp(cal_local_weekday(&l), "Wednesday") == 0,
	    "22 November 2017 was a Wednesday");
}

/* expand - rule from first, as "date date ..." (wall times), or the
 * error */
static const char *
expand(const char *rule, const char *first)
{
	static struct vbuf	out;
	struct cal_local	v[CAL_RRULE_MAX], f;
	struct vbuf		err;
	char			buf[CAL_LOCAL_SIZE];
	size_t			n;

	vbuf_release(&out);
	vbuf_init(&out, 8192);
	vbuf_init(&err, 1024);
	if (cal_local_parse(first, &f) == -1)
		return ("bad first");
	if (cal_rrule_expand(rule, &f, v, CAL_RRULE_MAX, &n, &err) == -1) {
		vbuf_puts(&out, vbuf_str(&err));
		vbuf_release(&err);
		return (vbuf_str(&out));
	}
	for (size_t i = 0; i < n; i++) {
		cal_local_format(&v[i], buf);
		vbuf_printf(&out, "%s%s", i > 0 ? ", " : "", buf);
	}
	vbuf_release(&err);
	return (vbuf_str(&out));
}

static void
test_rrule(void)
{
	/* In wall time: the weekly meeting stays at 10:00 over 25 March. */
	is_str(expand("FREQ=WEEKLY;COUNT=3", "2018-03-21 10:00"),
	    "2018-03-21 10:00, 2018-03-28 10:00, 2018-04-04 10:00",
	    "weekly, across the March clock change");
	is_str(expand("RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=3",
	    "2018-03-14 10:00"),
	    "2018-03-14 10:00, 2018-04-11 10:00, 2018-05-09 10:00",
	    "the second Wednesday, with the RRULE: name");
	is_str(expand("FREQ=WEEKLY;INTERVAL=13;UNTIL=20180913T000000",
	    "2018-03-14 10:00"),
	    "2018-03-14 10:00, 2018-06-13 10:00, 2018-09-12 10:00",
	    "quarterly by UNTIL: three of the Strategy Group's dates");
	has_str(expand("FREQ=WEEKLY", "2018-03-14 10:00"), "never ends",
	    "a rule must end");
	has_str(expand("FREQ=FORTNIGHTLY;COUNT=2", "2018-03-14 10:00"),
	    "not an RFC 5545", "an unknown FREQ");
	has_str(expand("hello", "2018-03-14 10:00"), "not an RFC 5545",
	    "not a rule at all");
	has_str(expand("", "2018-03-14 10:00"), "FREQ=WEEKLY", "an empty rule");
	has_str(expand("FREQ=DAILY;COUNT=1000", "2018-03-14 10:00"),
	    "more than 120", "too many meetings");
	has_str(expand("FREQ=MONTHLY;BYDAY=2WE;COUNT=2", "2018-03-15 10:00"),
	    "not the first time", "a first start the rule does not give");
}

/*
 * The zone by the C library (cal_time) and by libical, which will write
 * the invitations' VTIMEZONE, agree on every day of 2017 to 2019 at
 * 10:00 and at 23:30, across six clock changes.
 */
static void
test_libical_agrees(void)
{
	icaltimezone		*z;
	struct icaltimetype	 it;
	struct cal_local	 l = { 2017, 1, 1, 10, 0 };
	time_t			 ours;
	int			 days = 0, differ = 0;

	z = icaltimezone_get_builtin_timezone("Europe/London");
	ok(z != NULL, "libical knows Europe/London");
	if (z == NULL)
		return;
	for (; l.year < 2020; cal_local_add_days(&l, 1), days++) {
		for (int k = 0; k < 2; k++) {
			l.hour = k == 0 ? 10 : 23;
			l.min = k == 0 ? 0 : 30;
			it = icaltime_null_time();
			it.year = l.year;
			it.month = l.month;
			it.day = l.day;
			it.hour = l.hour;
			it.minute = l.min;
			if (cal_local_to_utc(&l, &ours) == -1 ||
			    icaltime_as_timet_with_zone(it, z) != ours)
				differ++;
		}
	}
	ok(days == 1095 && differ == 0, "libical and the C library agree "
	    "on %d days: %d differ", days, differ);
}

/* test_reminders - a list's reminder offsets */
static void
test_reminders(void)
{
	int		days[CAL_REMIND_MAX];
	size_t		n;
	struct vbuf	err;

	vbuf_init(&err, 256);
	ok(cal_reminders_parse(NULL, days, &n, &err) == 0 && n == 2 &&
	    days[0] == 14 && days[1] == 2, "the default is 14d,2d");
	ok(cal_reminders_parse("1w,3d,1d", days, &n, &err) == 0 && n == 3 &&
	    days[0] == 7 && days[2] == 1, "weeks and days");
	ok(cal_reminders_parse("none", days, &n, &err) == 0 && n == 0,
	    "none");
	ok(cal_reminders_parse("2h", days, &n, &err) == -1, "hours refused");
	ok(cal_reminders_parse("1d,2d,3d,4d,5d", days, &n, &err) == -1,
	    "at most four");
	ok(cal_reminders_parse("14d,", days, &n, &err) == -1,
	    "an empty offset refused");
	vbuf_release(&err);
}

/* reply - an iTIP REPLY with the given ATTENDEE lines */
static int
reply(const char *method, const char *attendees, struct cal_ical_reply *r)
{
	char	buf[1024];

	(void)snprintf(buf, sizeof(buf), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//t//t//EN\r\nMETHOD:%s\r\nBEGIN:VEVENT\r\n"
	    "UID:meeting-7@lists.example.org\r\nDTSTAMP:20180308T100000Z\r\n"
	    "%sEND:VEVENT\r\nEND:VCALENDAR\r\n", method, attendees);
	return (cal_ical_reply_read(buf, strlen(buf), r));
}

/* test_reply - what a calendar program's answer says */
static void
test_reply(void)
{
	struct cal_ical_reply r;

	ok(reply("REPLY", "ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:bob@example.org"
	    "\r\n", &r) == 0 && r.answer == ANSWER_ACCEPTED &&
	    strcmp(r.attendee, "bob@example.org") == 0 &&
	    strcmp(r.uid, "meeting-7@lists.example.org") == 0,
	    "REPLY ACCEPTED: the UID, the attendee, the answer");
	ok(reply("REPLY", "ATTENDEE;PARTSTAT=DECLINED:mailto:b@x.org\r\n",
	    &r) == 0 && r.answer == ANSWER_DECLINED, "DECLINED");
	ok(reply("REPLY", "ATTENDEE;PARTSTAT=TENTATIVE:mailto:b@x.org\r\n",
	    &r) == 0 && r.answer == ANSWER_TENTATIVE, "TENTATIVE");
	ok(reply("REPLY", "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:b@x.org\r\n",
	    &r) == -1, "NEEDS-ACTION is no answer");
	ok(reply("REQUEST", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@x.org\r\n",
	    &r) == -1, "a REQUEST is no answer (an invitation sent back)");
	ok(reply("REPLY", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.org\r\n"
	    "ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@x.org\r\n", &r) == -1,
	    "a REPLY for two attendees is refused");
	ok(reply("REPLY", "", &r) == -1, "a REPLY with no attendee");
	ok(cal_ical_reply_read("not a calendar", 14, &r) == -1, "not iCalendar");
}

int
main(void)
{
	struct vbuf	err;

	vbuf_init(&err, 1024);
	unsetenv("MOOT_NOW");
	ok(clock_init("Europe/London", &err) == 0, "the site's zone");
	test_parse();
	test_zone();
	test_rrule();
	test_libical_agrees();
	test_reminders();
	test_reply();
	vbuf_release(&err);
	return (done_testing());
}
