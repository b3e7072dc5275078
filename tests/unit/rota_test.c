/* rota_test - turns, duty and away periods, across daylight saving */
#include <string.h>

#include "util/clock.h"
#include "global/rota.h"
#include "util/vbuf.h"
#include "../tap.h"

static time_t
at(const char *when)
{
	time_t	t = 0;

	if (clock_parse_when(when, &t) == -1)
		printf("Bail out! bad time %s\n", when);
	return (t);
}

int
main(void)
{
	static const char *const mods[] = { "ana@one.example",
	    "ben@two.example", "cai@three.example" };
	struct vbuf	 err;
	struct rota	 r;
	struct away	 away[2];
	char		 buf[64];
	int64_t		 k;
	const char	*skip[1];

	vbuf_init(&err, 256);
	clock_init("Europe/London", &err);
	memset(&r, 0, sizeof(r));
	r.addrs = mods;
	r.n = 3;
	r.turn_days = 7;

	k = rota_turn(7, at("2026-11-23 00:00"));
	is_int(rota_turn(7, at("2026-11-29 23:59")), k, "a turn runs to "
	    "Sunday night");
	is_int(rota_turn(7, at("2026-11-30 00:00")), k + 1, "and the next "
	    "starts Monday 00:00");
	is_int(rota_turn(7, at("2026-11-22 23:59")), k - 1, "Sunday before "
	    "is the turn before");
	clock_iso(rota_turn_start(7, k), buf, sizeof(buf));
	is_str(buf, "2026-11-23 00:00", "the turn starts Monday at midnight");

	/* Clocks go forward on Sunday 29 March 2026 at 01:00 UTC. */
	k = rota_turn(7, at("2026-03-23 00:00"));
	is_int(rota_turn(7, at("2026-03-29 23:30")), k, "the short week "
	    "(167 hours) is one turn");
	is_int(rota_turn(7, at("2026-03-30 00:00")), k + 1, "the next starts "
	    "at Monday midnight, summer time");
	clock_iso(rota_turn_start(7, k + 1), buf, sizeof(buf));
	is_str(buf, "2026-03-30 00:00", "  and its start is local midnight");
	/* Clocks go back on Sunday 25 October 2026. */
	k = rota_turn(7, at("2026-10-19 00:00"));
	is_int(rota_turn(7, at("2026-10-25 23:59")), k, "the long week "
	    "(169 hours) is one turn");
	is_int(rota_turn(7, at("2026-10-26 00:00")), k + 1, "  and then the "
	    "next");
	is_int(rota_turn(1, at("2026-11-24 10:00")) - rota_turn(1,
	    at("2026-11-23 10:00")), 1, "one-day turns");
	is_int(rota_turn(14, at("2023-12-31 12:00")), -1, "before the epoch "
	    "rounds down");

	/* Duty goes round the rota, a turn each. */
	long p0 = rota_on_duty(&r, at("2026-11-23 10:00"));
	long p1 = rota_on_duty(&r, at("2026-11-30 10:00"));
	long p2 = rota_on_duty(&r, at("2026-12-07 10:00"));
	long p3 = rota_on_duty(&r, at("2026-12-14 10:00"));
	ok(p0 >= 0 && p1 == (p0 + 1) % 3 && p2 == (p0 + 2) % 3 && p3 == p0,
	    "each moderator in turn, then round again");

	/* Away: the turn passes to the next. */
	away[0].addr = mods[p0];
	away[0].from = at("2026-11-20");
	away[0].to = at("2026-11-27");
	r.away = away;
	r.naway = 1;
	is_int(rota_on_duty(&r, at("2026-11-23 10:00")), (p0 + 1) % 3,
	    "someone away: the next moderator is on duty");
	is_int(rota_on_duty(&r, at("2026-11-27 10:00")), p0, "back from "
	    "holiday: their own turn again");
	is_int(rota_is_away(&r, mods[p0], at("2026-11-27 00:00")), 0,
	    "away ends at its end");
	away[1].addr = mods[(p0 + 1) % 3];
	away[1].from = at("2026-11-01");
	away[1].to = at("2026-12-01");
	r.naway = 2;
	is_int(rota_on_duty(&r, at("2026-11-23 10:00")), (p0 + 2) % 3,
	    "two away: the one after");

	/* Escalation: the next, skipping who was asked and who is away. */
	r.naway = 0;
	skip[0] = mods[(p0 + 1) % 3];
	is_int(rota_next(&r, p0, at("2026-11-23 10:00"), skip, 1),
	    (p0 + 2) % 3, "the next, skipping one already asked");
	skip[0] = mods[p0];
	r.n = 1;
	r.addrs = &mods[p0];
	is_int(rota_next(&r, 0, at("2026-11-23 10:00"), skip, 1), -1,
	    "nobody left to ask");
	r.n = 0;
	is_int(rota_on_duty(&r, at("2026-11-23 10:00")), -1, "an empty rota");
	vbuf_release(&err);
	return (done_testing());
}
