/*
 * db_audit.h - the audit log: who did what to a list, and when
 *
 * Owns: the SQL of the audit table.  Lines are added in the caller's
 * transaction, with the change they record, and never changed.
 */
#ifndef DB_AUDIT_H
#define DB_AUDIT_H

#include <stdint.h>

struct db;

/* audit_add - one line of the audit log */
int	audit_add(struct db *, int64_t list_id, int64_t spool_id,
	    const char *actor, const char *action, const char *detail);

/* audit_each - the audit log of a list, newest first */
int	audit_each(struct db *, int64_t list_id, int64_t limit,
	    int (*cb)(int64_t at, const char *actor, const char *action,
	    int64_t spool_id, const char *detail, void *), void *);

#endif /* DB_AUDIT_H */
