/*
 * route.h - what mootd does with a message that has just been spooled
 *
 * Owns: the first look at each spool row: counting the attempt before
 * work starts (a message that keeps crashing the processor ends "failed",
 * threat A6; an attempt that ends with the row still spooled, because
 * the database was busy or failing, is uncounted: only a crash counts),
 * the checks of mail.h, dropping duplicates (threat A3), and
 * routing by the address it came to: a post goes through policy.h and,
 * if accepted, on to fanout.h.
 */
#ifndef ROUTE_H
#define ROUTE_H

struct ctx;
struct spool_item;

/* route_spooled - take s out of state "spooled", one way or another */
void	route_spooled(struct ctx *, struct spool_item *s);

#endif /* ROUTE_H */
