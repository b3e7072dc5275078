/*
 * gov_statement.c - statements kept from passed proposals; see
 * gov_statement.h
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_effect.h"
#include "gov/gov_statement.h"
#include "util/sys_defs.h"

/* gov_statement_keep - see gov_statement.h */
int
gov_statement_keep(struct db *db, int64_t decision_id, const char *title,
    const char *text, int64_t agreed_at)
{
	return (statement_insert(db, decision_id, title != NULL ? title : "",
	    text != NULL ? text : "", agreed_at));
}

/* gov_statement_each - see gov_statement.h */
int
gov_statement_each(struct db *db, int64_t since, int64_t until,
    int (*cb)(const struct statement *, void *), void *arg)
{
	return (statement_each(db, since, until, cb, arg));
}

/* gov_effect_is_statement - see gov_statement.h */
int
gov_effect_is_statement(struct db *db, int64_t decision_id)
{
	char	*kind = NULL, *arg = NULL;
	int64_t	 done;
	int	 rc, yes;

	rc = effect_load(db, decision_id, &kind, &arg, &done);
	yes = rc == DB_OK && strcmp(kind, "statement") == 0;
	free(kind);
	free(arg);
	return (rc == DB_OK || rc == DB_NOTFOUND ? yes : -1);
}
