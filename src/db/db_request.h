/*
 * db_request.h - membership requests made by mail, as stored
 *
 * Owns: the SQL of the request table.  A request is one person's wish to
 * join, leave or change their settings on one list, waiting for the
 * confirmation from that person's address ("confirming") and then, on a
 * list that approves joins, for an owner ("approving").  At most one is
 * open per person, list and action (threat B7); one that nobody answers
 * expires without a word.  Records from *_load are new: request_free().
 */
#ifndef DB_REQUEST_H
#define DB_REQUEST_H

#include <stdint.h>

struct db;

struct request {
	int64_t	 id;
	int64_t	 list_id;
	char	*addr;			/* owned; canonical; who it is about */
	char	*action;		/* owned; subscribe, unsubscribe, set */
	char	*mode;			/* owned; NULL: unchanged / mail */
	char	*language;		/* owned; NULL: unchanged / none */
	char	*asked_by;		/* owned; the address that asked */
	char	*state;			/* owned; confirming, approving, ... */
	int64_t	 created_at, expires_at;
};

/*
 * request_open - a new request in state confirming.  DB_CONFLICT if one
 * is open already for the person, list and action (then *id is that
 * one's).
 */
int	request_open(struct db *, struct request *r, int64_t *id);

/* request_find_open - the open request for person, list and action */
int	request_find_open(struct db *, int64_t list_id, const char *addr,
	    const char *action, struct request **);

int	request_load(struct db *, int64_t id, struct request **);

/* request_set_state - move an open request on; DB_NOTFOUND if it was
 * no longer open */
int	request_set_state(struct db *, int64_t id, const char *state,
	    int64_t expires_at, const char *by);

/* request_expire - open requests whose time has passed become
 * "expired"; *n says how many */
int	request_expire(struct db *, int64_t now, int64_t *n);

/* request_each_open - cb for each open request of a list, oldest first */
int	request_each_open(struct db *, int64_t list_id,
	    int (*cb)(const struct request *, void *), void *);

void	request_free(struct request **);

#endif /* DB_REQUEST_H */
