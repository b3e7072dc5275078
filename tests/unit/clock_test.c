/* clock_test - RFC 3339, MOOT_NOW, dates in the site's zone across DST */
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/vbuf.h"
#include "../tap.h"

int
main(void)
{
	struct vbuf	err;
	time_t		t;
	char		buf[64];

	vbuf_init(&err, 1024);
	unsetenv("MOOT_NOW");
	ok(clock_init("Europe/London", &err) == 0, "init with a zone");
	ok(clock_parse_rfc3339("2026-11-23T10:00:00Z", &t) == 0 &&
	    t == 1795428000, "RFC 3339 in UTC");
	ok(clock_parse_rfc3339("2026-11-23T11:00:00+01:00", &t) == 0 &&
	    t == 1795428000, "RFC 3339 with an offset");
	ok(clock_parse_rfc3339("2026-11-23T10:00:00.250Z", &t) == 0 &&
	    t == 1795428000, "fractions are dropped");
	ok(clock_parse_rfc3339("2026-11-23", &t) == -1, "a date alone is not "
	    "RFC 3339");
	ok(clock_parse_rfc3339("2026-13-01T00:00:00Z", &t) == -1, "month 13");
	ok(clock_parse_rfc3339("2026-11-23T10:00:00", &t) == -1, "no zone");

	/* Summer: London is UTC+1; winter: UTC+0. */
	ok(clock_parse_when("2026-07-06 10:00", &t) == 0 && t == 1783328400,
	    "local time in summer");
	clock_rfc5322(t, buf, sizeof(buf));
	is_str(buf, "Mon, 6 Jul 2026 10:00:00 +0100", "Date: in summer");
	ok(clock_parse_when("2026-11-23", &t) == 0 && t == 1795392000,
	    "a date is its local midnight");
	clock_rfc5322(1795428000, buf, sizeof(buf));
	is_str(buf, "Mon, 23 Nov 2026 10:00:00 +0000", "Date: in winter");
	/* 2026-03-29 01:30 does not exist in London (clocks go forward). */
	ok(clock_parse_when("2026-03-29 02:30", &t) == 0, "a time in the "
	    "skipped hour still resolves");
	clock_iso(1795428000, buf, sizeof(buf));
	is_str(buf, "2026-11-23 10:00", "ISO form for people");

	setenv("MOOT_NOW", "2026-11-23T10:00:00Z", 1);
	ok(clock_init("Europe/London", &err) == 0 && clock_now() == 1795428000,
	    "MOOT_NOW replaces the clock");
	setenv("MOOT_NOW", "next monday", 1);
	vbuf_reset(&err);
	ok(clock_init("Europe/London", &err) == -1 &&
	    strstr(vbuf_str(&err), "MOOT_NOW") != NULL, "a bad MOOT_NOW is "
	    "an error that names it");
	vbuf_release(&err);
	return (done_testing());
}
