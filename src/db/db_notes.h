/*
 * db_notes.h - a meeting's notes, as they came to LIST-notes@
 *
 * Owns: the SQL of the meeting_notes table.  A row is the notes in one
 * spooled message (held like a post until an organiser decides): the
 * group's list, the meeting they belong to (0: none had begun), who
 * sent them, their text, and when they were approved.  The text is
 * kept here because the spool's copy is purged after its retention:
 * notes are kept with the meeting.  Which meeting and who may send them
 * are cal/cal_notes.c's rules; approving is list/decision.c's.
 */
#ifndef DB_NOTES_H
#define DB_NOTES_H

#include <stdint.h>

struct db;

struct meeting_note {
	int64_t		 spool_id;	/* the held message */
	int64_t		 meeting_id;	/* 0: none */
	const char	*grp;		/* the group's list name */
	const char	*sender;	/* From:, else the envelope sender */
	const char	*subject;	/* NULL: none */
	const char	*text;		/* the text, and attachments named */
	int64_t		 received_at;
	int64_t		 approved_at;	/* 0: not approved (yet) */
};

/* notes_insert - n's row, unless spool_id has one already (a second
 * attempt on the same message) */
int	notes_insert(struct db *, int64_t list_id, const struct meeting_note *n);

/* notes_approved - the notes in spool_id were approved at t; DB_OK also
 * when spool_id holds no notes */
int	notes_approved(struct db *, int64_t spool_id, int64_t t);

typedef int	(*notes_cb)(const struct meeting_note *, void *);

/* notes_of_meeting - cb for each approved note of meeting_id, oldest
 * first (non-zero from cb stops) */
int	notes_of_meeting(struct db *, int64_t meeting_id, notes_cb cb,
	    void *arg);

/*
 * notes_to_names - *yes if group's --notes-to names list: its notes,
 * and what it decided, go into list's weekly update
 */
int	notes_to_names(struct db *, const char *group, const char *list,
	    int *yes);

/*
 * notes_approved_since - cb for each note approved at or after since
 * whose group names list in its --notes-to, oldest first: what the
 * weekly update of list carries
 */
int	notes_approved_since(struct db *, const char *list, int64_t since,
	    notes_cb cb, void *arg);

#endif /* DB_NOTES_H */
