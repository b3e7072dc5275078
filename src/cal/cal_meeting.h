/*
 * cal_meeting.h - meetings, and the rules that keep groups in step
 *
 * Owns: what adding, moving and cancelling a meeting does, and the rules
 * between groups ("strategy meets 1w before each ops meeting").  A rule
 * makes one meeting of its group for each meeting of the other, past or
 * future, the given number of days before at the same local time of
 * day, and keeps it in step: a meeting made by any means, a rule's
 * included, is followed by the rules on its group, so rules chain
 * (board -> ops -> strategy).  Moving a meeting moves those that follow
 * it; cancelling one cancels them.  A meeting a rule made moves only
 * with the one it follows.  Rules never form a cycle.
 *
 * Each call is one transaction: it is done whole, or not at all, and
 * what it did, the follow-on changes included, comes back in a
 * cal_changes for the caller to say after it is committed.
 */
#ifndef CAL_MEETING_H
#define CAL_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "cal/cal_time.h"

struct db;
struct vbuf;

#define CAL_OK		0
#define CAL_BAD		(-1)	/* the input: err says what to fix */
#define CAL_FAIL	(-2)	/* the database: err says what failed */

/* How long a chain of rules may be: far more than a partnership has. */
#define CAL_MAX_CHAIN	16

enum cal_what {
	CAL_ADDED,		/* by the command itself */
	CAL_MADE,		/* by a rule */
	CAL_MOVED,
	CAL_CANCELLED,
};

struct cal_change {
	enum cal_what	 what;
	int64_t		 id;
	char		 grp[32];
	int64_t		 follows;	/* the meeting it follows; 0: none */
	char		 from[CAL_LOCAL_SIZE];	/* CAL_MOVED: the old start */
	char		 to[CAL_LOCAL_SIZE];	/* the start now */
};

struct cal_changes {
	struct cal_change *v;
	size_t		 n, cap;
};

void	cal_changes_free(struct cal_changes *);

/* What a new meeting is, but for its start. */
struct cal_new {
	const char	*grp;		/* a list, or an outside body */
	int64_t		 duration;	/* seconds, > 0 */
	const char	*location;	/* NULL: none */
	const char	*notes_taker;	/* NULL: none */
};

/* cal_group_check - 0 if name may name a group; -1 with err */
int	cal_group_check(const char *name, struct vbuf *err);

/* cal_offset_days - "1w", "2w", "10d": whole days, 1 to 366; -1 if
 * not */
int	cal_offset_days(const char *given);

/* cal_add - n meetings of m at starts (wall times in zone), their ids
 * in ids[n]; then the meetings rules make from them */
int	cal_add(struct db *, const char *zone, const struct cal_new *m,
	    const struct cal_local *starts, size_t n, int64_t *ids,
	    struct cal_changes *, struct vbuf *err);

/* cal_move - meeting id to start at to, and those that follow it */
int	cal_move(struct db *, const char *zone, int64_t id,
	    const struct cal_local *to, struct cal_changes *,
	    struct vbuf *err);

/* cal_cancel - meeting id, and those that follow it */
int	cal_cancel(struct db *, int64_t id, struct cal_changes *,
	    struct vbuf *err);

/* cal_rule_add - grp meets given ("1w") before each meeting of before:
 * the rule's id in *rule_id, and the meetings it made */
int	cal_rule_add(struct db *, const char *zone, const char *grp,
	    const char *before, const char *given, int64_t *rule_id,
	    struct cal_changes *, struct vbuf *err);

/* cal_rule_rm - remove rule id; its meetings stay, following no other
 * (how many in *kept) */
int	cal_rule_rm(struct db *, int64_t id, int64_t *kept,
	    struct vbuf *err);

#endif /* CAL_MEETING_H */
