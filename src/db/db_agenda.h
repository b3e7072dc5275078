/*
 * db_agenda.h - a meeting's agenda items, papers and board seats
 *
 * Owns: the SQL of the agenda_item, agenda_paper, agenda_sent and
 * meeting_seat tables.  Items and papers are kept in the order they
 * came; agenda_sent is written in the transaction that queues the
 * agenda, so it goes once whatever crashes.  Who may add, and when the
 * agenda is due, are src/cal/'s to decide.
 */
#ifndef DB_AGENDA_H
#define DB_AGENDA_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define SEATS_MAX	3	/* the partnership's seats on the board */

struct agenda_item {
	int64_t		 id;
	const char	*addr;
	const char	*name;		/* display name, or the address */
	const char	*text;
	int		 late;		/* came after the agenda went */
	int64_t		 received_at;
};

struct agenda_paper {
	int64_t		 id;
	const char	*filename;
	const char	*ctype;		/* "application/pdf" */
	const void	*data;
	size_t		 len;
	const char	*added_by;
	int		 late;
};

/* agenda_item_add - an item for the meeting, as received at now */
int	agenda_item_add(struct db *, int64_t meeting_id, const char *addr,
	    const char *name, const char *text, int late, int64_t now);

/* agenda_item_each - cb(item) for each item, in the order received; the
 * item's strings are borrowed for the call */
int	agenda_item_each(struct db *, int64_t meeting_id,
	    int (*cb)(const struct agenda_item *, void *), void *);

/* agenda_paper_add - a paper for the meeting */
int	agenda_paper_add(struct db *, int64_t meeting_id,
	    const struct agenda_paper *, int64_t now);

/* agenda_paper_each - cb(paper) for each paper, in the order added */
int	agenda_paper_each(struct db *, int64_t meeting_id,
	    int (*cb)(const struct agenda_paper *, void *), void *);

/* agenda_sent_has - *yes if the meeting's agenda went */
int	agenda_sent_has(struct db *, int64_t meeting_id, int *yes);

/* agenda_sent_add - keep that the meeting's agenda went at now */
int	agenda_sent_add(struct db *, int64_t meeting_id, int64_t now);

/* seat_set - addr[0..n) take the seats at the meeting, replacing those
 * recorded (n <= SEATS_MAX); in the caller's transaction */
int	seat_set(struct db *, int64_t meeting_id, char *const *addr,
	    size_t n);

/* seat_each - cb(addr) for each seat taken, in seat order */
int	seat_each(struct db *, int64_t meeting_id,
	    int (*cb)(const char *addr, void *), void *);

#endif /* DB_AGENDA_H */
