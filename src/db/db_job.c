/*
 * db_job.c - when scheduled jobs last ran; see db_job.h
 */
#include "db/db.h"
#include "db/db_job.h"
#include "util/sys_defs.h"

static const char SQL_JOB_LAST[] =
    "SELECT last_at FROM job WHERE name = ?1 AND list_id = ?2";
static const char SQL_JOB_MARK[] =
    "INSERT OR REPLACE INTO job (name, list_id, last_at) VALUES (?1, ?2, ?3)";

/* job_last - see db_job.h */
int
job_last(struct db *db, const char *name, int64_t list_id, int64_t *last)
{
	int	rc = db_one_int(db, last, SQL_JOB_LAST, "ti", name, list_id);

	if (rc == DB_NOTFOUND) {
		*last = 0;
		return (DB_OK);
	}
	return (rc);
}

/* job_mark - see db_job.h */
int
job_mark(struct db *db, const char *name, int64_t list_id, int64_t at)
{
	return (db_exec(db, SQL_JOB_MARK, "tii", name, list_id, at));
}
