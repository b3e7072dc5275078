/*
 * db_meeting.h - meetings and the rules between groups' meetings
 *
 * Owns: the SQL of the meeting and meeting_rule tables.  A meeting
 * belongs to a group, a list's name or an outside body's ("board");
 * its start is the UTC instant and the local wall time it stands for.
 * A rule says that one group meets some days before each meeting of
 * another; the meetings it makes name it and the meeting they follow.
 * No rules of the calendar here: src/cal/ decides, this only stores.
 */
#ifndef DB_MEETING_H
#define DB_MEETING_H

#include <stddef.h>
#include <stdint.h>

struct db;

enum meeting_state {
	MEETING_SCHEDULED,
	MEETING_CANCELLED,
};

struct meeting {
	int64_t		 id;
	char		*grp;		/* "ops", "board" */
	int64_t		 start_at;	/* UTC */
	char		*start_local;	/* "2018-03-14 10:00" in zone */
	char		*zone;		/* "Europe/London" */
	int64_t		 duration;	/* seconds */
	char		*location;	/* NULL: none given */
	char		*notes_taker;	/* NULL: none given */
	enum meeting_state state;
	int64_t		 sequence;	/* raised on every change */
	int64_t		 rule_id;	/* 0: added by hand */
	int64_t		 source_id;	/* the meeting it follows; 0: none */
	int64_t		 created_at;
};

struct meeting_rule {
	int64_t		 id;
	char		*grp;		/* meets days before... */
	char		*before_grp;	/* ...each meeting of this group */
	int64_t		 days;
	char		*given;		/* "2w", as typed */
	int64_t		 created_at;
	int64_t		 nmade;		/* meetings it made (rule_all only) */
};

const char *meeting_state_name(enum meeting_state);

/* meeting_insert - a new meeting from m (its id, sequence and state are
 * ignored: it is scheduled, sequence 0); its id in *id */
int	meeting_insert(struct db *, const struct meeting *m, int64_t *id);

/* meeting_load - meeting id into *out, the caller's to meeting_free();
 * DB_OK, DB_NOTFOUND or an error */
int	meeting_load(struct db *, int64_t id, struct meeting **out);
void	meeting_free(struct meeting **);

/*
 * meeting_list - the meetings of grp (NULL: of every group), by start,
 * into *out (*n of them), the caller's to meeting_list_free().  Loaded
 * whole, so that callers may change the meetings as they go.
 */
int	meeting_list(struct db *, const char *grp, struct meeting ***out,
	    size_t *n);
void	meeting_list_free(struct meeting ***, size_t n);

/* meeting_made_by - the id of the meeting rule_id made from source_id;
 * DB_OK, DB_NOTFOUND or an error */
int	meeting_made_by(struct db *, int64_t rule_id, int64_t source_id,
	    int64_t *id);

/* meeting_followers - the ids of the meetings made from source_id, by
 * id, into *ids (*n), the caller's to free() */
int	meeting_followers(struct db *, int64_t source_id, int64_t **ids,
	    size_t *n);

/* meeting_set_start - a new start for meeting id; raises its sequence */
int	meeting_set_start(struct db *, int64_t id, int64_t start_at,
	    const char *start_local, const char *zone);

/* meeting_set_state - a new state for meeting id; raises its sequence */
int	meeting_set_state(struct db *, int64_t id, enum meeting_state);

/* meeting_rule_insert - a new rule from r; its id in *id; DB_CONFLICT
 * if grp already has a rule before before_grp */
int	meeting_rule_insert(struct db *, const struct meeting_rule *r,
	    int64_t *id);

/* meeting_rule_load - rule id into *out (meeting_rule_free()) */
int	meeting_rule_load(struct db *, int64_t id, struct meeting_rule **out);
void	meeting_rule_free(struct meeting_rule **);

/* meeting_rule_list - the rules that make meetings from before_grp's
 * (NULL: every rule, each with nmade), by id; meeting_rule_list_free() */
int	meeting_rule_list(struct db *, const char *before_grp,
	    struct meeting_rule ***out, size_t *n);
void	meeting_rule_list_free(struct meeting_rule ***, size_t n);

/* meeting_rule_delete - remove rule id; the meetings it made stay, as
 * if added by hand; how many in *kept.  DB_NOTFOUND if no such rule */
int	meeting_rule_delete(struct db *, int64_t id, int64_t *kept);

#endif /* DB_MEETING_H */
