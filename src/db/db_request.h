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

struct addr_mailbox;
struct db;

/*
 * What a request asks for, and where it stands.  The words (one table
 * each in db_request.c) are what the request table stores; its CHECK
 * constraints name the same.  A row with a word this version does not
 * know reads as expired: closed, so nothing acts on it.
 */
enum request_action {
	REQUEST_SUBSCRIBE,
	REQUEST_UNSUBSCRIBE,
	REQUEST_SET,
	REQUEST_NACTIONS	/* also: a word this version does not know */
};

enum request_state {
	REQUEST_CONFIRMING,	/* open: waits for the person's confirmation */
	REQUEST_APPROVING,	/* open: waits for an owner or organiser */
	REQUEST_DONE,
	REQUEST_REFUSED,
	REQUEST_EXPIRED,
	REQUEST_NSTATES
};

/* request_action_name, request_state_name - the word stored; "?" if none */
const char *request_action_name(enum request_action);
const char *request_state_name(enum request_state);

struct request {
	int64_t	 id;
	int64_t	 list_id;
	char	*addr;			/* owned; canonical; who it is about */
	enum request_action action;
	char	*mode;			/* owned; NULL: unchanged / mail */
	char	*language;		/* owned; NULL: unchanged / none */
	char	*asked_by;		/* owned; the address that asked */
	enum request_state state;
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
	    enum request_action, struct request **);

/* request_load - request id, new; DB_NOTFOUND if there is none */
int	request_load(struct db *, int64_t id, struct request **);

/* request_set_state - move an open request on; DB_NOTFOUND if it was
 * no longer open */
int	request_set_state(struct db *, int64_t id, enum request_state,
	    int64_t expires_at, const char *by);

/* request_expire - open requests whose time has passed become
 * "expired"; *n says how many */
int	request_expire(struct db *, int64_t now, int64_t *n);

/* request_count_asked - requests made since then for an address other
 * than the one that asked, by mailbox by (any of its sub-addresses;
 * threat B7) */
int	request_count_asked(struct db *, const struct addr_mailbox *by,
	    int64_t since, int64_t *n);

/* request_free - NULL-safe; nulls the pointer */
void	request_free(struct request **);

#endif /* DB_REQUEST_H */
