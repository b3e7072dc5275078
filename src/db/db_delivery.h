/*
 * db_delivery.h - per-recipient delivery records of a post
 *
 * Owns: the SQL for the delivery table.  A record is written for each
 * recipient after each SMTP transaction (threat A4), so a crash and
 * restart resends only to recipients with no final record.
 */
#ifndef DB_DELIVERY_H
#define DB_DELIVERY_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* What became of one copy; sent and failed are final. */
enum delivery_status {
	DELIVERY_SENT,
	DELIVERY_FAILED,
	DELIVERY_DEFERRED,
};

enum audience {
	AUDIENCE_MEMBERS,	/* a post: members who get mail */
	AUDIENCE_OWNERS,	/* mail to L-owner: the owners */
};

/* delivery_batch flags */
#define DELIVERY_TOKENS	0x1	/* cb gets each member's leave token */
/* The caller knows that no member past *cursor has a record of the post
 * (it had none when the walk began, and no other process has written
 * since: db_data_version): members are not looked up in the records. */
#define DELIVERY_FRESH	0x2

/*
 * delivery_batch - up to limit members of list_id who should get post
 * spool_id and have no final record (sent or failed) for it, with
 * member id > *cursor, in id order; cb(member id, addr, leave token or
 * "") for each (the token only with DELIVERY_TOKENS); *cursor advances.
 * Members in "mail" mode, and in "digest" mode when the list has no
 * digest schedule.  Returns DB_OK, DB_NOTFOUND when none.
 */
int	delivery_batch(struct db *, int64_t spool_id, int64_t list_id,
	    enum audience, unsigned flags, int64_t *cursor, int64_t limit,
	    void (*cb)(int64_t member_id, const char *addr, const char *token,
	    void *), void *);

/* delivery_any - *yes: whether post spool_id has any record at all */
int	delivery_any(struct db *, int64_t spool_id, int *yes);

/* What became of one recipient's copy, for delivery_record(). */
struct delivery_rec {
	const char		*addr;		/* borrowed */
	enum delivery_status	 status;
	int			 code;		/* SMTP reply code, or 0 */
	const char		*reply;		/* borrowed; NULL: none */
};

/*
 * delivery_record - the outcomes of one SMTP transaction's n recipients
 * of post spool_id, each replacing any earlier record of its address,
 * all with the same time.  The caller holds the database transaction
 * (db_begin), so that they are committed together or not at all (threat
 * A4).  DB_OK or an error (logged); after an error, roll back.
 */
int	delivery_record(struct db *, int64_t spool_id,
	    const struct delivery_rec *, size_t n);

/* delivery_pending - members who should get it and have no final record */
int	delivery_pending(struct db *, int64_t spool_id, int64_t list_id,
	    enum audience, int64_t *n);

/* delivery_count - records of spool_id with status */
int	delivery_count(struct db *, int64_t spool_id, enum delivery_status,
	    int64_t *n);

#endif /* DB_DELIVERY_H */
