/*
 * gov_open.h - opening a proposal or a vote
 *
 * Owns: what a decision needs to open (a list with members; a title of
 * one line; a text; a closing time in the future; for a vote, its
 * options, "for,against,abstain" by default, and exactly one chair on
 * the list, whose casting vote breaks a tie), fixing its electorate
 * (the list's members at that moment: each votes under their address,
 * or, on a vote by organisation, under their organisation's key, so one
 * organisation has one vote however many addresses it has; a member
 * with no organisation votes alone), recording what it does if it
 * passes (gov_effect.h), and sending each member their own ballot: a
 * notice in their language From: LIST-vote+TOKEN, whose token (purpose
 * "ballot") names the member and the decision and expires at closing.
 * All of it in one transaction: a decision opens whole or not at all.
 */
#ifndef GOV_OPEN_H
#define GOV_OPEN_H

#include <stdint.h>

#include "db/db_decision.h"
#include "gov/gov_effect.h"

struct ctx;
struct vbuf;

#define GOV_VOTE_OPTIONS	"for,against,abstain"
#define GOV_CONSENSUS_OPTIONS	"agree,object,abstain"
#define GOV_TITLE_MAX		200	/* bytes, one line */
#define GOV_TEXT_MAX		(64 * 1024)

struct gov_new {
	const char		*list;
	enum decision_kind	 kind;
	const char		*title;
	const char		*text;
	const char		*proposer;	/* an address, or "admin" */
	const char		*options;	/* NULL: the default */
	int			 per_org, open_ballot, keep_removed;
	int64_t			 parent_id;	/* 0: none */
	int64_t			 closes_at;
	enum gov_effect_kind	 effect;
	const char		*effect_arg;
	int			 pending;	/* recorded only, to open once
						 * its proposer confirms it
						 * (gov_open_confirmed()) */
};

/*
 * gov_open - open n in its own transaction; 0 with *id, or -1 with why
 * (nothing opened, nothing sent)
 */
int	gov_open(struct ctx *, const struct gov_new *n, int64_t *id,
	    struct vbuf *why);

/* gov_open_in - the same in the caller's transaction (which it rolls
 * back on -1) */
int	gov_open_in(struct ctx *, const struct gov_new *n, int64_t *id,
	    struct vbuf *why);

/* gov_open_confirmed - pending d opens now: its electorate is fixed and
 * the ballots go, in the caller's transaction; 0, or -1 with why (its
 * closing time passed, or it was opened already: a replay) */
int	gov_open_confirmed(struct ctx *, const struct decision_row *d,
	    struct vbuf *why);

/* gov_parse_when - a closing time as people write it: "YYYY-MM-DD
 * HH:MM" in the site's zone (cal_time.h: a time the clocks skip is
 * refused), or RFC 3339; 0, or -1 */
int	gov_parse_when(const char *s, int64_t *t);

/* gov_closes_line - the first line of text that begins with name
 * ("closes:", any case), read as gov_parse_when() reads a time into *t
 * and cut out of text; 1, 0 if there is none, -1 if its time cannot be
 * read */
struct vbuf;
int	gov_closes_line(struct vbuf *text, const char *name, int64_t *t);

/* gov_chair - the address of l's one chair into *addr (caller frees);
 * 0, or -1 with why: no chair, or more than one */
int	gov_chair(struct ctx *, int64_t list_id, char **addr,
	    struct vbuf *why);

#endif /* GOV_OPEN_H */
