/*
 * db_list.h - list and member records
 *
 * Owns: the SQL for the list and member tables.  Records returned by
 * *_load are new: the caller frees them with list_free()/member_free().
 * Every function returns a DB_* code (db.h) unless it says otherwise.
 */
#ifndef DB_LIST_H
#define DB_LIST_H

#include <stdint.h>

struct db;

struct list {
	int64_t	 id;
	/* Each owned string is in list_strings[] (db_list.c) too. */
	char	*name;			/* owned */
	char	*description;		/* owned; "" when none */
	int	 moderated;
	int	 members_only;
	char	*subject_prefix;	/* owned; NULL: "[name]"; "": none */
	int64_t	 max_bytes;		/* 0: [limits] message_bytes */
	char	*language;		/* owned; NULL: [moot] language */
	int64_t	 requires_id;		/* 0: none */
	char	*requires_name;		/* owned; NULL when none */
	char	*digest_at;		/* owned; NULL when none */
	int64_t	 ends_at;		/* 0: never */
	int64_t	 created_at;
	/* moderation (schema 2) */
	char	*nonmember;		/* owned; "hold" or "reject" */
	int64_t	 hold_bytes;		/* 0: no size hold */
	int64_t	 max_recipients;	/* To+Cc; 0: the default, 10 */
	char	*automated;		/* owned; "hold" or "drop" */
	int	 notify_held;		/* tell posters their post waits */
	int64_t	 turn_days;		/* of the moderators' rota */
	int64_t	 escalate_after;	/* seconds before the next is asked */
	/* membership (schema 3) */
	char	*who;			/* owned; "nobody" or "members" */
	char	*joins;			/* owned; who may join by mail
					 * (schema 5): see enum list_joins */
	int	 hidden;		/* left out of the "lists" reply */
	int	 bulk;			/* one copy for many: no personal
					 * List-Unsubscribe */
	/* durations as they were given, for list show (schema 7);
	 * owned; NULL: never given, shown in their largest exact unit */
	char	*escalate_given;
	char	*turn_given;
	/* posting (schema 8) */
	char	*from_check;		/* owned; see enum list_from_check */
	/* holding (schema 11) */
	int64_t	 hold_days;		/* a held post nobody decides is
					 * rejected after this many days */
	/* meetings (schema 12) */
	char	*meeting_reminders;	/* owned; "14d,2d"; NULL: default */
	char	*notes_to;	/* owned; "info,ops": whose weekly update
				 * carries this group's notes; NULL: none */
	/* the weekly update (schema 15) */
	char	*newsletter_at;		/* owned; "Mon 10:00"; NULL: none */
	/* agendas (schema 16) */
	int64_t	 agenda_days;		/* the agenda goes this many days
					 * before a meeting; 0: default */
	int	 digest_empty;		/* a digest even with no posts (18) */
	/* DMARC (schema 20) */
	char	*dmarc;			/* owned; see enum list_dmarc */
	char	*dmarc_author;		/* owned; see enum list_dmarc_author */
	int	 footer_off;		/* copies go without the footer */
	/* bounces (schema 25): 0 / NULL: the site's [bounces] */
	int64_t	 bounce_threshold;	/* delivery stops above this */
	int64_t	 bounce_period;		/* seconds a score holds */
	char	*bounce_period_given;	/* owned; as given, for show */
};

#define LIST_DEFAULT_AGENDA_DAYS	7
#define LIST_DEFAULT_HOLD_DAYS	14

#define LIST_DEFAULT_MAX_RCPTS	10	/* To+Cc before a post is held */

/* Who may join a list by mail: the words of list.joins, in this order. */
enum list_joins {
	JOINS_OPEN,		/* at once, without a confirmation */
	JOINS_CONFIRM,		/* once the address confirms (the default) */
	JOINS_APPROVE,		/* confirmed, then an owner or organiser */
	JOINS_CLOSED,		/* not by mail: owners add members */
};
#define LIST_JOINS_CHOICES	"open|confirm|approve|closed"

/* What makes a post a member's: the words of list.from_check, in order. */
enum list_from_check {
	FROM_CHECK_ANY,		/* the From: address alone (the default) */
	FROM_CHECK_AUTHENTICATED, /* and our MTA's DKIM or SPF pass,
				 * aligned with it (mail/authres.h) */
};
#define LIST_FROM_CHECK_CHOICES	"any|authenticated"

/* When the members' copy's From: becomes the list's ("Name via LIST"):
 * the words of list.dmarc, in this order. */
enum list_dmarc {
	LIST_DMARC_ALWAYS,	/* every post */
	LIST_DMARC_AUTO,	/* when the From: domain's DMARC policy is
				 * quarantine or reject, or cannot be
				 * found out (the default) */
	LIST_DMARC_NEVER,	/* never: such posts may be refused */
};
#define LIST_DMARC_CHOICES	"always|auto|never"

/* Where the author goes when the From: is rewritten: list.dmarc_author. */
enum list_dmarc_author {
	LIST_AUTHOR_REPLY_TO,	/* Reply-To: (the default) */
	LIST_AUTHOR_CC,		/* Cc: */
};
#define LIST_DMARC_AUTHOR_CHOICES	"reply-to|cc"

/* list_dmarc, list_dmarc_author - l's settings as values; unset reads
 * as the defaults */
enum list_dmarc list_dmarc(const struct list *l);
enum list_dmarc_author list_dmarc_author(const struct list *l);

/* list_bounce_threshold, list_bounce_period - l's own, or the site's
 * [bounces] threshold and period (site_*) when l has none */
int64_t	list_bounce_threshold(const struct list *l, int64_t site);
int64_t	list_bounce_period(const struct list *l, int64_t site);

/* list_joins - l's setting as a value; unset reads as JOINS_CONFIRM */
enum list_joins list_joins(const struct list *l);

/* list_from_check - l's rule for whose post is a member's */
enum list_from_check list_from_check(const struct list *l);

struct member {
	int64_t	 id;
	int64_t	 list_id;
	char	*addr;			/* owned; canonical (addr.h) */
	char	*name;			/* owned; "" when none */
	char	*role;			/* owned; see member_role_ok() */
	char	*language;		/* owned; NULL: the list's */
	char	*mode;			/* owned; mail, digest, plain (a
					 * digest as plain text), update
					 * (a newsletter list's weekly
					 * update alone) or nomail */
	int64_t	 term_start, term_end;	/* 0: none */
	int64_t	 created_at;
	int64_t	 leave_token_id;	/* its List-Unsubscribe token; 0: none yet */
	int64_t	 term_told;		/* the term_end owners heard of */
	char	*org;			/* owned; the organisation, trimmed;
					 * NULL: none (schema 17) */
};


int	list_load(struct db *, const char *name, struct list **);
int	list_load_id(struct db *, int64_t id, struct list **);
int	list_insert(struct db *, struct list *);	/* sets id */
int	list_update(struct db *, const struct list *);
int	list_delete(struct db *, int64_t id);
/* list_each - cb for every list by name; stops when cb returns non-zero */
int	list_each(struct db *, int (*cb)(const struct list *, void *),
	    void *);
void	list_free(struct list **);

/* list_release - free what l owns, and clear it (for a struct list that
 * is not itself allocated, such as one on the stack); a string setting
 * added to struct list is added to the list of them in db_list.c */
void	list_release(struct list *);

/* What the milter needs of a list at RCPT time, without allocating. */
struct list_gate {
	int64_t	 id;
	int	 members_only;
	int	 reject_nonmembers;	/* nonmember = "reject" */
	int64_t	 max_bytes;		/* 0: [limits] message_bytes */
	int64_t	 ends_at;		/* 0: never */
};

/* list_gate_load - DB_OK, DB_NOTFOUND or an error */
int	list_gate_load(struct db *, const char *name, struct list_gate *);

/* member_exists - *yes = 1 if addr is on the list in any role */
int	member_exists(struct db *, int64_t list_id, const char *addr,
	    int *yes);

int	member_load(struct db *, int64_t list_id, const char *addr,
	    struct member **);
int	member_insert(struct db *, struct member *);	/* DB_CONFLICT: exists */
int	member_update(struct db *, const struct member *);
/* member_delete - addr off the list, kept in member_left (no address:
 * its language and dates) for the report's figures */
int	member_delete(struct db *, int64_t list_id, const char *addr);
int	member_each(struct db *, int64_t list_id,
	    int (*cb)(const struct member *, void *), void *);
int	member_count(struct db *, int64_t list_id, int64_t *n);
/* member_count_role - how many of list's members have one of the
 * roles "a,b" */
int	member_count_role(struct db *, int64_t list_id, const char *roles,
	    int64_t *n);
/* member_each_role - members of list with one of the roles "a,b" */
int	member_each_role(struct db *, int64_t list_id, const char *roles,
	    int (*cb)(const struct member *, void *), void *);
void	member_free(struct member **);

/* member_release - free what m owns, and clear it (for a struct member
 * that is not itself allocated, such as one on the stack) */
void	member_release(struct member *);

/* member_set_leave_token - the token (row id) that is now the member's
 * List-Unsubscribe token; an earlier one no longer takes it off */
int	member_set_leave_token(struct db *, int64_t member_id,
	    int64_t token_id);
/* member_without_token - cb for members of list_id without a leave
 * token, up to limit of them */
int	member_without_token(struct db *, int64_t list_id, int64_t limit,
	    int (*cb)(const struct member *, void *), void *);
/* member_set_term_told - the owners heard that term_end is near */
int	member_set_term_told(struct db *, int64_t member_id, int64_t term_end);
/* member_terms_due - cb for organisers (any list) whose term ends
 * before until and whose owners have not heard of that end */
int	member_terms_due(struct db *, int64_t until,
	    int (*cb)(const struct member *, void *), void *);
/* member_lists_requiring - cb for each membership of addr in a list
 * that requires list_id */
int	member_lists_requiring(struct db *, int64_t list_id, const char *addr,
	    int (*cb)(const struct member *, void *), void *);

/* member_role_ok, member_mode_ok - 1 if the word is a role / a mode */
int	member_role_ok(const char *);
int	member_mode_ok(const char *);

#endif /* DB_LIST_H */
