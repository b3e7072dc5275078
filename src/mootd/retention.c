/*
 * retention.c - mootd removes the records whose time is up; see
 * retention.h
 */
#include <stdint.h>
#include <string.h>

#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_job.h"
#include "db/db_purge.h"
#include "util/log.h"
#include "mootd/retention.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define RETENTION_JOB	"retention"
#define RETENTION_EVERY	3600	/* seconds between runs */
#define RETENTION_BATCH	200	/* records of each kind per step */

/* What this run has removed so far, for the one line at its end. */
static int64_t	removed[PURGE_NKINDS];

/* run_ended - log what the run removed, and remember when it ran */
static void
run_ended(struct ctx *x, int64_t now)
{
	struct vbuf	v;
	int64_t		total = 0;

	vbuf_init(&v, 512);
	for (int k = 0; k < PURGE_NKINDS; k++) {
		total += removed[k];
		vbuf_printf(&v, "%s %s %lld", k > 0 ? "," : "",
		    purge_kind_name((enum purge_kind)k),
		    (long long)removed[k]);
	}
	if (total > 0)
		log_info("retention: removed%s", vbuf_str(&v));
	vbuf_release(&v);
	memset(removed, 0, sizeof(removed));
	if (job_mark(x->db, RETENTION_JOB, 0, now) != DB_OK)
		log_warnx("retention: cannot record the run; it runs again "
		    "at the next pass");
}

/* retention_tick - see retention.h */
int
retention_tick(struct ctx *x)
{
	struct purge_rules	 r;
	int64_t			 n[PURGE_NKINDS] = { 0 }, last, now, total = 0;
	int			 rc, more;

	now = clock_now();
	if ((x->stop != NULL && *x->stop) ||
	    job_last(x->db, RETENTION_JOB, 0, &last) != DB_OK ||
	    (last > 0 && now - last < RETENTION_EVERY))
		return (0);
	purge_rules(x->conf, now, &r);
	rc = purge_batch(x->db, &r, RETENTION_BATCH, n, &more);
	for (int k = 0; k < PURGE_NKINDS; k++) {
		removed[k] += n[k];
		total += n[k];
	}
	/* Busy: the next pass tries again.  Anything worse waits an hour,
	 * not a log line each pass. */
	if (rc == DB_TEMP)
		return (0);
	if (rc != DB_OK)
		log_warnx("retention: stopped by a database error");
	else if (more)		/* mootd's loop calls again */
		return ((int)(total < 1 ? 1 : total < 1000 ? total : 1000));
	run_ended(x, now);
	return (0);
}
