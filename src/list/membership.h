/*
 * membership.h - who may be on which list, and what follows a change
 *
 * Owns: the partnership's rules about membership, whoever makes the
 * change (a command by mail, an owner's approval, the command line, an
 * import): a list that requires another takes only that list's members,
 * and leaving it takes a person off every list that requires it, with a
 * notice (the cascade); an ended list takes nobody; an organiser's term
 * has a start and an end at most TERM_MAX_YEARS apart.  Also what mootd
 * does about membership as time passes: the members of a list that has
 * ended are told, owners are told a month before a term ends, and
 * requests nobody answered expire without a word.
 *
 * Functions that change the database work in the caller's transaction.
 */
#ifndef MEMBERSHIP_H
#define MEMBERSHIP_H

#include <stdint.h>
#include <time.h>

struct ctx;
struct db;
struct list;
struct member;
struct vbuf;

#define TERM_MAX_YEARS	3	/* of an organiser's appointment */
#define TERM_WARN_DAYS	30	/* owners hear this long before a term ends */
#define LEAVE_TOKEN_TTL	(100LL * 366 * 86400)	/* as long as membership */

enum join_refusal {
	JOIN_OK,
	JOIN_ENDED,		/* the list has ended */
	JOIN_REQUIRES,		/* not a member of the list it requires */
};

/* membership_refusal - may addr join l now?  DB trouble reads as OK:
 * the insert that follows fails instead. */
enum join_refusal membership_refusal(struct db *, const struct list *l,
	    const char *addr);

/* membership_add - m joins l (m->list_id is set here).  DB_OK,
 * DB_CONFLICT (already a member) or trouble. */
int	membership_add(struct ctx *, const struct list *l, struct member *m);

/*
 * membership_remove - addr leaves l, then every list that requires l,
 * each of those with a removed-required notice and an audit line by
 * actor; also (may be NULL) gets the names of those lists.  DB_OK,
 * DB_NOTFOUND (not a member of l), or trouble.
 */
int	membership_remove(struct ctx *, const struct list *l, const char *addr,
	    const char *actor, struct vbuf *also);

/*
 * membership_term - an organiser's term: start defaults to now, end to
 * TERM_MAX_YEARS after start; other roles may have a term or not.  0, or
 * -1 with what to fix in why.
 */
int	membership_term(struct member *, time_t now, struct vbuf *why);

/* membership_lang - addr's language on list_id, or NULL (caller frees) */
char	*membership_lang(struct db *, int64_t list_id, const char *addr);

/*
 * membership_reader_lang - the language to read addr's answer about
 * list_id in: their own, else the list's (the language the request they
 * answer was written in), else NULL for [moot] language; caller frees.
 */
char	*membership_reader_lang(struct db *, int64_t list_id,
	    const char *addr);

/* membership_has_role - addr is on list_id in one of roles ("a,b") */
int	membership_has_role(struct db *, int64_t list_id, const char *addr,
	    const char *roles);

/*
 * membership_stand_in - who reads, for list_id, what its people of roles
 * ("a,b") would have read when it has none of them: [moot] admin, or
 * NULL when the list has some, when admin is not set, or on database
 * trouble.  The one rule for held posts on a list without moderators or
 * owners, notices for owners a list lacks (issue 10 item 6).
 */
const char *membership_stand_in(struct ctx *, int64_t list_id,
	    const char *roles);

/*
 * membership_readers - who reads, for list_id, what is meant for its
 * people of roles: each one's address and language appended to out,
 * each NUL-ended ("" for no language), or membership_stand_in()'s
 * address (and "") when it has none.  How many were appended.
 */
int	membership_readers(struct ctx *, int64_t list_id, const char *roles,
	    struct vbuf *out);

/* membership_leave_tokens - every member of l has a token for its
 * List-Unsubscribe address; DB code */
int	membership_leave_tokens(struct ctx *, const struct list *l);

/* membership_idle_tokens - one step of the same, for mootd when it has
 * nothing else to do: the tokens of up to 1000 members of one list
 * (sent a copy each) that have none, in one transaction.  How many were
 * made (0: every member has one), or -1 when the database failed. */
int	membership_idle_tokens(struct ctx *);

/* membership_tick - the work of passing time; returns how much was done */
int	membership_tick(struct ctx *);

/*
 * An organisation's name is kept as it was typed, without the white
 * space around it; two names are one organisation when their keys are
 * equal: trimmed, then folded as the reply reader folds words (fold.h:
 * case, NFC, the ways a letter is written), so "City Council" and
 * " city council" are one.  Member ls --attendance groups by it.
 */
#define MEMBERSHIP_ORG_MAX	200	/* bytes of a name, trimmed: a
					 * name, within fold_word's reach */
/* membership_org_trim - where s begins without its surrounding white
 * space; *n its length so */
const char *membership_org_trim(const char *s, size_t *n);
/* membership_org_key - the key of organisation org into out */
void	membership_org_key(const char *org, struct vbuf *out);

#endif /* MEMBERSHIP_H */
