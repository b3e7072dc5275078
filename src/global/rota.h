/*
 * rota.h - who is on duty for a moderated list
 *
 * Owns: the turns (turn_days long, starting at local midnight on Mondays
 * counted from Monday 2024-01-01, in the site's zone, so a week is a
 * calendar week across daylight saving), who is on duty (the rota's
 * moderators in order, one a turn; someone away passes the turn to the
 * next), and who is asked next when a post waits (escalation).  Pure:
 * the caller loads the rota and the away periods (db_rota.c).
 */
#ifndef ROTA_H
#define ROTA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct away {
	const char	*addr;
	time_t		 from, to;	/* away from <= t < to */
};

struct rota {
	const char *const *addrs;	/* in turn order */
	size_t		 n;
	int		 turn_days;
	const struct away *away;
	size_t		 naway;
};

/* rota_turn - the index of the turn that contains t */
int64_t	rota_turn(int turn_days, time_t t);

/* rota_turn_start - when turn index starts (local midnight) */
time_t	rota_turn_start(int turn_days, int64_t index);

/* rota_is_away - addr is away at t */
int	rota_is_away(const struct rota *, const char *addr, time_t t);

/*
 * rota_on_duty - the position of the moderator on duty at t: the turn's
 * own, or the next one who is not away.  -1 if the rota is empty or
 * everyone is away.
 */
long	rota_on_duty(const struct rota *, time_t t);

/* rota_owner - whose turn index is, away or not (for listings) */
long	rota_owner(const struct rota *, int64_t index);

/*
 * rota_next - the first position after pos (wrapping) whose moderator is
 * not away at t and not in skip; -1 if none.
 */
long	rota_next(const struct rota *, long pos, time_t t,
	    const char *const *skip, size_t nskip);

#endif /* ROTA_H */
