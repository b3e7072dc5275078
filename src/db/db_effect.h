/*
 * db_effect.h - what a proposal does when it passes, and the
 * statements kept from passed proposals
 *
 * Owns: the SQL of the gov_effect and statement tables, both keyed by
 * the proposal's id (proposals keep their own table, which this one
 * does not name).  No rules: gov/gov_effect.c reads the effects and
 * carries them out; gov/gov_statement.c keeps statements.
 */
#ifndef DB_EFFECT_H
#define DB_EFFECT_H

#include <stdint.h>

struct db;

/* effect_set - decision_id, when it passes, does kind ("priorities",
 * "appoint", "statement") with arg; a second call replaces the first */
int	effect_set(struct db *, int64_t decision_id, const char *kind,
	    const char *arg);

/* effect_load - decision_id's kind and arg (new: the caller frees
 * them) and when it was done (0: not yet); DB_NOTFOUND if it has none */
int	effect_load(struct db *, int64_t decision_id, char **kind,
	    char **arg, int64_t *done_at);

/* effect_done - decision_id's effect was carried out at now;
 * DB_NOTFOUND if it was already (or there is none) */
int	effect_done(struct db *, int64_t decision_id, int64_t now);

/* A statement, as it was agreed; fields borrowed for the callback. */
struct statement {
	int64_t		 decision_id;
	const char	*title;
	const char	*text;
	int64_t		 agreed_at;
};

/* statement_insert - keep decision_id's statement; a second one for the
 * same decision changes nothing */
int	statement_insert(struct db *, int64_t decision_id, const char *title,
	    const char *text, int64_t agreed_at);

/* statement_each - cb for each statement agreed in [since, until),
 * oldest first; non-zero from cb stops */
int	statement_each(struct db *, int64_t since, int64_t until,
	    int (*cb)(const struct statement *, void *), void *arg);

/* effect_forget_pending - what the decisions that decision_drop_pending
 * (db_decision.h) is about to delete would have done: forgotten too */
int	effect_forget_pending(struct db *, int64_t before);

#endif /* DB_EFFECT_H */
