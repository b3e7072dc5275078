/*
 * cal_attend.h - who attended a group's meetings, by organisation
 *
 * Owns: the rule for counting attendance: over the meetings of a group
 * held in a window, an organisation attended a meeting when any of its
 * members did (names are one organisation by membership.h's rule:
 * membership_org_key), and a member with no organisation counts alone.
 * For `moot member ls --attendance` (its group's last meetings) and the
 * report for the Communities Board (the meetings of a period).  Reads
 * only; never logs.
 */
#ifndef CAL_ATTEND_H
#define CAL_ATTEND_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct list;

/* One line of the tally. */
struct cal_attend_row {
	char		*name;		/* the organisation, as its first
					 * member (by address) typed it; or
					 * the address of a member with none */
	int		 org;		/* 1: an organisation */
	int64_t		 attended;	/* meetings of the window */
};

struct cal_attend {
	int64_t			 held;	/* meetings in the window */
	struct cal_attend_row	*row;	/* organisations by name (their
					 * keys), then the members with none,
					 * by id */
	size_t			 n;
};

/*
 * cal_attend_tally - the attendance of l's members over the last (at
 * most nlast; -1: all) of l's meetings that began in [since, until] and
 * were not cancelled, into *out (cal_attend_release() it, also after an
 * error); DB_OK or a db error
 */
int	cal_attend_tally(struct db *, const struct list *l, int64_t since,
	    int64_t until, int64_t nlast, struct cal_attend *out);
void	cal_attend_release(struct cal_attend *);

#endif /* CAL_ATTEND_H */
