/*
 * retention.h - mootd removes the records whose time is up
 *
 * Owns: when retention runs (at most once an hour, as the job
 * "retention", so restarts do not repeat it) and in what steps (bounded
 * batches, one transaction each, so the spool never waits long).  What
 * goes is db_purge.h's, from [retention] in moot.conf(5); `moot spool
 * purge` removes the same at once.
 */
#ifndef RETENTION_H
#define RETENTION_H

struct ctx;

/*
 * retention_tick - one batch of old records removed, if a run is due or
 * under way; the number removed (more may wait: mootd's loop calls
 * again), 0 when the run has ended or none is due
 */
int	retention_tick(struct ctx *);

#endif /* RETENTION_H */
