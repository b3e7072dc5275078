/*
 * gov_statement.h - statements for council publications
 *
 * Owns: keeping a statement.  A statement is a proposal (effect
 * GE_STATEMENT, gov_effect.h) whose text, once agreed, is kept as it
 * was agreed and reported.  gov_effect cannot read the proposals'
 * table, so the proposals' code calls gov_statement_keep() with the
 * proposal's title and text in the transaction that marks it passed,
 * when gov_effect_is_statement() says it is one; moot report reads
 * them back with gov_statement_each().  Storage is db/db_effect.h.
 */
#ifndef GOV_STATEMENT_H
#define GOV_STATEMENT_H

#include <stdint.h>

#include "db/db_effect.h"

struct db;

/*
 * gov_statement_keep - keep decision_id's text (title, text) as a
 * statement agreed at agreed_at, in the caller's transaction; a second
 * call for the same decision changes nothing.  A DB_* code.
 */
int	gov_statement_keep(struct db *, int64_t decision_id,
	    const char *title, const char *text, int64_t agreed_at);

/* gov_statement_each - cb for each statement agreed in [since, until),
 * oldest first (non-zero from cb stops); a DB_* code */
int	gov_statement_each(struct db *, int64_t since, int64_t until,
	    int (*cb)(const struct statement *, void *), void *arg);

/* gov_effect_is_statement - 1 if decision_id was opened with effect
 * GE_STATEMENT, 0 if not, -1 on database trouble */
int	gov_effect_is_statement(struct db *, int64_t decision_id);

#endif /* GOV_STATEMENT_H */
