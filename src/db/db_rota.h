/*
 * db_rota.h - the moderators' rota of each list, and who is away
 *
 * Owns: the SQL of the rota and away tables.  Whose turn it is, and who
 * comes next, is rota.c's arithmetic on what this module loads.
 */
#ifndef DB_ROTA_H
#define DB_ROTA_H

#include <stddef.h>
#include <stdint.h>

#include "global/rota.h"

struct db;

/* A list's rota and the away periods, loaded for rota.c. */
struct rota_set {
	struct rota	 r;
	char		**addrs;	/* owned */
	struct away	*away;		/* owned; addr points into awayaddrs */
	char		**awayaddrs;	/* owned */
};

/* rota_set_load - the rota of list_id, in order, and every away period;
 * rota_set_free() it, also on failure */
int	rota_set_load(struct db *, int64_t list_id, int turn_days,
	    struct rota_set *);
void	rota_set_free(struct rota_set *);

/* rota_replace - the rota of list_id becomes addrs, in that order */
int	rota_replace(struct db *, int64_t list_id, char *const *addrs,
	    size_t n);

/* rota_away_add - addr is away from from to to, on every list */
int	rota_away_add(struct db *, const char *addr, int64_t from, int64_t to);

/* rota_away_clear - addr is back: every away period of addr goes */
int	rota_away_clear(struct db *, const char *addr);

#endif /* DB_ROTA_H */
