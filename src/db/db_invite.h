/*
 * db_invite.h - what was sent about a meeting, who answered, who came
 *
 * Owns: the SQL of the meeting_sent, meeting_answer and meeting_attended
 * tables.  A row of meeting_sent is written in the transaction that
 * queues the mail it stands for, so each invitation, update and
 * cancellation goes once, whatever crashes.  Answers and attendance are
 * kept by canonical address; the latest answer wins.  What is due and
 * who may answer are src/cal/'s to decide.
 */
#ifndef DB_INVITE_H
#define DB_INVITE_H

#include <stdint.h>

struct db;

enum invite_sent {
	INVITE_REMIND,		/* a reminder, with the invitation */
	INVITE_UPDATE,		/* the invitation again, after a move */
	INVITE_CANCEL,		/* the cancellation */
};

enum invite_answer {
	ANSWER_ACCEPTED,
	ANSWER_DECLINED,
	ANSWER_TENTATIVE,
	ANSWER_COUNT
};

/* invite_answer_name - "accepted", "declined", "tentative" */
const char *invite_answer_name(enum invite_answer);

/* invite_sent_has - *yes if a row (meeting, what, days, sequence) is
 * kept; days is the offset of a reminder, 0 otherwise */
int	invite_sent_has(struct db *, int64_t meeting_id, enum invite_sent,
	    int64_t days, int64_t sequence, int *yes);

/* invite_sent_last - the highest sequence anything was sent at about
 * the meeting into *seq, -1 if nothing was */
int	invite_sent_last(struct db *, int64_t meeting_id, int64_t *seq);

/* invite_sent_add - keep that it was sent at now */
int	invite_sent_add(struct db *, int64_t meeting_id, enum invite_sent,
	    int64_t days, int64_t sequence, int64_t now);

/* invite_answer_set - addr's answer to the meeting, replacing theirs */
int	invite_answer_set(struct db *, int64_t meeting_id, const char *addr,
	    enum invite_answer, int64_t now);

/* invite_answer_each - cb(addr, answer) for each answer, by address */
int	invite_answer_each(struct db *, int64_t meeting_id,
	    int (*cb)(const char *addr, enum invite_answer, void *), void *);

/* invite_answer_count - how many gave each answer, into n[ANSWER_COUNT] */
int	invite_answer_count(struct db *, int64_t meeting_id,
	    int64_t n[ANSWER_COUNT]);

/* invite_attended_add - addr attended the meeting (once, however often
 * it is said) */
int	invite_attended_add(struct db *, int64_t meeting_id, const char *addr,
	    int64_t now);

/* invite_attend_asked - *yes if who attended the meeting was asked */
int	invite_attend_asked(struct db *, int64_t meeting_id, int *yes);

/* invite_attend_asked_add - keep that it was asked at now */
int	invite_attend_asked_add(struct db *, int64_t meeting_id, int64_t now);

/* invite_attended_each - cb(addr) for each who attended, by address */
int	invite_attended_each(struct db *, int64_t meeting_id,
	    int (*cb)(const char *addr, void *), void *);

/*
 * invite_attended_tally - for the last (at most nlast; -1: all) meetings
 * of grp that began in [since, now] and were not cancelled: how many
 * there were in *held, and cb(meeting id, addr) for each who attended
 * one of them, by address (the caller counts: by member, or by
 * organisation: cal/cal_attend.h)
 */
int	invite_attended_tally(struct db *, const char *grp, int64_t since,
	    int64_t now, int64_t nlast, int64_t *held,
	    int (*cb)(int64_t meeting_id, const char *addr, void *), void *);

#endif /* DB_INVITE_H */
