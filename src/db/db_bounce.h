/*
 * db_bounce.h - bounce scores of members
 *
 * Owns: the SQL for the bounce table (schema 24): one row per member
 * whose mail came back, its score and whether delivery to the member
 * has stopped; and the two look-ups that tie a bounce to a member, by
 * the member row's id (a VERP token's) or by a copy moot recorded as
 * sent (a bounce to the bare L-bounces@ that quotes the post).  What a
 * bounce is worth is list/bounce_score's rule, not here.
 */
#ifndef DB_BOUNCE_H
#define DB_BOUNCE_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct db_bounce {
	int64_t	member_id;
	int64_t	halves;		/* the score in half points */
	int64_t	first_day;	/* days since 1970 (UTC): the period's start */
	int64_t	last_day;	/* the last bounce read; -1: none scored */
	int64_t	disabled_at;	/* 0: delivery goes on */
};

/* db_bounce_get - member_id's row into *b; DB_NOTFOUND if none */
int	db_bounce_get(struct db *, int64_t member_id, struct db_bounce *b);

/* db_bounce_put - write b, replacing the member's row */
int	db_bounce_put(struct db *, const struct db_bounce *b);

/* db_bounce_clear - forget member_id's score and disable */
int	db_bounce_clear(struct db *, int64_t member_id);

/*
 * db_bounce_member - the address (and language, "" for the list's) of
 * member member_id of list_id, in out and lang (owned: free()); DB_NOTFOUND
 * if there is no such member of that list
 */
int	db_bounce_member(struct db *, int64_t list_id, int64_t member_id,
	    char **addr, char **lang);

/*
 * db_bounce_sent - whether moot recorded a copy of the post to list_id
 * whose Message-ID is msgid (or whose spool id is spool_id, when moot
 * gave it its Message-ID; -1: none) as sent to addr: DB_OK if so,
 * DB_NOTFOUND if not
 */
int	db_bounce_sent(struct db *, int64_t list_id, const char *msgid,
	    int64_t spool_id, const char *addr);

/*
 * db_bounce_each - every member of list_id with a bounce row, by
 * address: cb(addr, row); cb must not write to the database
 */
int	db_bounce_each(struct db *, int64_t list_id,
	    void (*cb)(const char *addr, const struct db_bounce *, void *),
	    void *);

#endif /* DB_BOUNCE_H */
