/*
 * db_priority.h - the partnership's priorities, the lists working on
 * them, and the questions about reviewing them
 *
 * Owns: the SQL of the priority, priority_list and priority_review
 * tables.  A priority is proposed (waiting for a proposal to adopt
 * it), current (agreed at agreed_at) or retired.  A review row is one
 * question to the strategy list's owners, answered once.  No rules:
 * which states may follow which, the three-or-four warning and when a
 * review is due are gov/gov_priority.c's and gov/gov_review.c's.
 */
#ifndef DB_PRIORITY_H
#define DB_PRIORITY_H

#include <stdint.h>

struct db;

struct priority {
	int64_t		 id;
	const char	*title;
	const char	*text;		/* "" when none */
	const char	*state;		/* "proposed", "current", "retired" */
	int64_t		 created_at;
	int64_t		 agreed_at;	/* 0: never current */
	int64_t		 retired_at;	/* 0: not retired */
	const char	*lists;		/* "a,b" by name; "" when none */
};

/* Every field is borrowed from the statement, for the callback only. */
typedef int	(*priority_cb)(const struct priority *, void *);

/* priority_insert - a new priority in state (agreed_at = now when
 * current); *id its id */
int	priority_insert(struct db *, const char *title, const char *text,
	    const char *state, int64_t now, int64_t *id);

/* priority_get - cb for priority id; DB_NOTFOUND if none */
int	priority_get(struct db *, int64_t id, priority_cb cb, void *arg);

/* priority_each - cb for each priority in state (NULL: all), current
 * first, then proposed, then retired, each oldest first; non-zero from
 * cb stops */
int	priority_each(struct db *, const char *state, priority_cb cb,
	    void *arg);

/* priority_count - how many priorities are in state */
int	priority_count(struct db *, const char *state, int64_t *n);

/* priority_make_current - id is current, agreed at now; DB_NOTFOUND
 * if it does not exist or was retired (a retired one stays so) */
int	priority_make_current(struct db *, int64_t id, int64_t now);

/* priority_retire - id is retired at now; DB_NOTFOUND if it was
 * already, or does not exist */
int	priority_retire(struct db *, int64_t id, int64_t now);

/* priority_retire_others - every current priority whose id is not in
 * ids ("3,4,5") is retired at now */
int	priority_retire_others(struct db *, const char *ids, int64_t now);

/* priority_oldest_agreed - the earliest agreed_at of the current
 * priorities into *t; DB_NOTFOUND when none is current */
int	priority_oldest_agreed(struct db *, int64_t *t);

/* priority_list_add, priority_list_rm - list_id works on priority id,
 * or no longer; adding twice, or removing what is not there, is DB_OK */
int	priority_list_add(struct db *, int64_t id, int64_t list_id);
int	priority_list_rm(struct db *, int64_t id, int64_t list_id);
/* priority_list_clear - no list works on priority id */
int	priority_list_clear(struct db *, int64_t id);

/* One question to the strategy list's owners. */
struct priority_review {
	int64_t		 id;
	int64_t		 asked_at;
	char		 answer[4];	/* "yes", "no", or "": none yet */
	int64_t		 answered_at;	/* 0: not answered */
};

/* review_last - the latest question asked at or after since into *r;
 * DB_NOTFOUND if none */
int	review_last(struct db *, int64_t since, struct priority_review *r);

/* review_insert - a question asked at now; *id its id */
int	review_insert(struct db *, int64_t now, int64_t *id);

/* review_answer - question id answered (answer "yes" or "no") by who
 * at now, and the review's proposal (0: none); DB_NOTFOUND if it was
 * answered already */
int	review_answer(struct db *, int64_t id, const char *answer,
	    const char *who, int64_t now, int64_t decision_id);

/* review_answered - *yes = 1 if question id has its answer (or does
 * not exist) */
int	review_answered(struct db *, int64_t id, int *yes);

#endif /* DB_PRIORITY_H */
