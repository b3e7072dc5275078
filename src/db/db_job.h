/*
 * db_job.h - when a scheduled job last ran, per list
 *
 * Owns: the SQL of the job table.  A job is a name ("reminder",
 * "ended") and a list; mootd's periodic work reads when it last ran so
 * that it runs once a day, or once at all, across restarts.
 */
#ifndef DB_JOB_H
#define DB_JOB_H

#include <stdint.h>

struct db;

/* job_last - when job name last ran for list_id; 0 if never */
int	job_last(struct db *, const char *name, int64_t list_id,
	    int64_t *last);

/* job_mark - job name ran for list_id at at */
int	job_mark(struct db *, const char *name, int64_t list_id, int64_t at);

#endif /* DB_JOB_H */
