/*
 * gov_priority.h - the partnership's priorities
 *
 * Owns: the rules about priorities, whoever acts (moot priority, a
 * passed proposal): a priority is current at once or only proposed,
 * waiting for a proposal to adopt it; the partnership agrees three or
 * four current ones, and outside that range moot warns but still does
 * what it was told (a year may need a fifth, for a while); adopting a
 * set makes its priorities current, agreed now, and retires the current
 * ones outside it; a retired priority stays retired; the
 * task-and-finish lists working on one are lists that exist.  Storage
 * is db/db_priority.h.  Functions that change the database work in the
 * caller's transaction.  Nothing here logs.
 */
#ifndef GOV_PRIORITY_H
#define GOV_PRIORITY_H

#include <stddef.h>
#include <stdint.h>

#include "db/db_priority.h"

struct db;
struct vbuf;

#define GOV_PRIORITIES_MIN	3	/* the partnership agrees three */
#define GOV_PRIORITIES_MAX	4	/* or four */
#define GOV_PRIORITY_TITLE_MAX	200	/* bytes: a title, one line */
#define GOV_PRIORITY_TEXT_MAX	(64 * 1024)	/* bytes of its text */
#define GOV_PRIORITY_SET_MAX	16	/* priorities one proposal adopts */
#define GOV_PRIORITY_LISTS_MAX	32	/* lists working on one */

/* Which priorities gov_priority_each() gives. */
enum gov_priority_state {
	GP_PROPOSED,
	GP_CURRENT,
	GP_RETIRED,
	GP_ALL,
};

/* gov_priority_state_name - "proposed", "current", "retired"; NULL for
 * GP_ALL */
const char *gov_priority_state_name(enum gov_priority_state);

/* gov_priority_each - cb for each priority in state, with the names of
 * the lists working on it (struct priority's lists), current first;
 * a DB_* code.  For moot priority ls and the report. */
int	gov_priority_each(struct db *, enum gov_priority_state state,
	    priority_cb cb, void *arg);

/*
 * gov_priority_add - a new priority titled title (one line of text),
 * with text (NULL: none), current now or (proposed) waiting for a
 * proposal; *id its id.  0, or -1 with what to fix in why (then
 * nothing was written, unless the database failed: roll back).
 */
int	gov_priority_add(struct db *, const char *title, const char *text,
	    int proposed, int64_t now, int64_t *id, struct vbuf *why);

/* gov_priority_retire - priority id is retired at now; 0, or -1 with
 * why (no such priority, retired already, or database trouble) */
int	gov_priority_retire(struct db *, int64_t id, int64_t now,
	    struct vbuf *why);

/*
 * gov_priority_set_lists - the lists working on priority id are exactly
 * those named in csv ("ops,events"; "" for none); 0, or -1 with why (no
 * such priority or list) before anything is written
 */
int	gov_priority_set_lists(struct db *, int64_t id, const char *csv,
	    struct vbuf *why);

/*
 * gov_priority_warning - when the current priorities number fewer than
 * GOV_PRIORITIES_MIN or more than GOV_PRIORITIES_MAX, the warning in
 * out, and 1; 0 when they are three or four; -1 on database trouble
 */
int	gov_priority_warning(struct db *, struct vbuf *out);

/*
 * gov_priority_set_parse - the ids in arg ("3,4,5"), each a priority
 * that is proposed or current, into ids (room for GOV_PRIORITY_SET_MAX),
 * *n how many, each once; and arg written plainly ("3,4,5") into norm.
 * 0, or -1 with why.
 */
int	gov_priority_set_parse(struct db *, const char *arg, int64_t *ids,
	    size_t *n, struct vbuf *norm, struct vbuf *why);

/*
 * gov_priority_adopt - the set arg ("3,4,5") is the partnership's
 * priorities from now: each is current, agreed at now, and every other
 * current priority is retired.  A priority retired since the set was
 * proposed stays retired.  A DB_* code.
 */
int	gov_priority_adopt(struct db *, const char *arg, int64_t now);

#endif /* GOV_PRIORITY_H */
