/*
 * db_decision.h - decisions as stored: proposals, votes, their
 * electorate and their ballots
 *
 * Owns: the SQL of the decision, decision_voter and decision_ballot
 * tables.  A decision is a proposal decided by consensus or a vote; its
 * electorate (decision_voter) is fixed in the transaction that opens it:
 * the list's members at that moment, each with the key they vote under
 * (their address, or their organisation's key on a vote by
 * organisation, so that two addresses of one organisation share one
 * ballot).  A ballot (decision_ballot) is one voter's latest choice; it
 * names its voter only while the voter may still change it: once the
 * result is final, ballot_anonymise() writes the choices again, without
 * voter, address or time, in the order of the choices, and deletes the
 * rows that named them (with secure_delete, so the pages are
 * overwritten), so the database can recount them (ballot_count()) but
 * no longer tell who chose what; the mail that carried the answers and
 * the receipts that said what was recorded lose their text then too
 * (ballot_mail_forget()).  What is due, who may vote and what
 * a line means are src/gov/'s to decide.
 */
#ifndef DB_DECISION_H
#define DB_DECISION_H

#include <stdint.h>

struct db;

enum decision_kind {
	DK_CONSENSUS,		/* a proposal: agree, object, abstain */
	DK_VOTE,		/* options; the majority decides */
	DK_COUNT
};

enum decision_state {
	DS_OPEN,		/* ballots are taken */
	DS_CASTING,		/* a tied vote: the chair's casting vote */
	DS_ASKING,		/* objections: the proposer chooses */
	DS_PASSED,		/* consensus, or the vote's winner decided */
	DS_FAILED,		/* objections, and a vote was called or
				 * the proposal was not amended */
	DS_AMENDED,		/* re-opened as a new proposal */
	DS_PENDING,		/* sent by mail, not yet confirmed */
	DS_COUNT
};

#define DECISION_OPTIONS_MAX	8	/* a vote's options */
#define DECISION_OPTION_MAX	32	/* bytes of one option's name */

struct decision_row {
	int64_t			 id;
	int64_t			 list_id;
	char			*list;		/* owned; the list's name */
	enum decision_kind	 kind;
	char			*title;		/* owned */
	char			*text;		/* owned */
	char			*proposer;	/* owned; an address, or
						 * "admin" from the command
						 * line */
	char			*options;	/* owned; "for,against" */
	int			 per_org;	/* one vote per organisation */
	int			 open_ballot;	/* choices shown; not secret */
	int			 keep_removed;	/* who leaves keeps the vote */
	int64_t			 parent_id;	/* what a vote follows */
	int64_t			 opened_at, closes_at;
	enum decision_state	 state;
	char			*chair;		/* owned; the casting voter */
	char			*casting;	/* owned; the casting choice */
	char			*result;	/* owned; "for=3,against=3" */
	char			*outcome;	/* owned; the option decided */
	int64_t			 electorate;	/* voters when it opened */
	int64_t			 turnout;	/* ballots counted */
	int64_t			 decided_at;	/* 0: not yet */
	int64_t			 reminded_at;	/* the chair's reminder */
	int64_t			 told_at;	/* the organisers told */
};

/* decision_kind_name, decision_state_name - the words stored and shown */
const char *decision_kind_name(enum decision_kind);
const char *decision_state_name(enum decision_state);

/* decision_insert - d (state open or pending) as a new row; d->id is
 * set */
int	decision_insert(struct db *, struct decision_row *d);

/* decision_load - decision id into *out (decision_free() it) */
int	decision_load(struct db *, int64_t id, struct decision_row **out);

/* decision_each - cb for each decision of list_id (0: every list) by
 * id; or with state given (-1: any); stops when cb returns non-zero */
int	decision_each(struct db *, int64_t list_id, int state,
	    int (*cb)(const struct decision_row *, void *), void *);

/* decision_due - cb for each decision whose state needs mootd at now:
 * open and closed, waiting for the chair, or waiting for a proposer
 * since it closed before asked_before */
int	decision_due(struct db *, int64_t now, int64_t asked_before,
	    int (*cb)(const struct decision_row *, void *), void *);

/* decision_decided_each - cb for each decision that ended (passed or
 * failed) at decided_at in [since, until), by that time */
int	decision_decided_each(struct db *, int64_t since, int64_t until,
	    int (*cb)(const struct decision_row *, void *), void *);

/* decision_set_state - from (as a guard: DB_NOTFOUND if it is not in
 * it: someone else moved it first, threat B4) to to, with result,
 * outcome (NULL: unchanged), turnout and decided_at (0: unchanged) */
int	decision_set_state(struct db *, int64_t id, enum decision_state from,
	    enum decision_state to, const char *result, const char *outcome,
	    int64_t turnout, int64_t decided_at);

/* decision_set_casting - the chair's choice, once, while in DS_CASTING */
int	decision_set_casting(struct db *, int64_t id, const char *choice);

/* decision_set_electorate - how many voters it opened with */
int	decision_set_electorate(struct db *, int64_t id, int64_t n);

/* decision_set_opened - a pending decision opens at t: DB_NOTFOUND if
 * it is not pending (confirmed already: a replay) */
int	decision_set_opened(struct db *, int64_t id, int64_t t);

/* decision_set_reminded, decision_set_told - the chair was reminded,
 * the organisers told, at t */
int	decision_set_reminded(struct db *, int64_t id, int64_t t);
int	decision_set_told(struct db *, int64_t id, int64_t t);

void	decision_free(struct decision_row **);

/* voter_add - addr is in the electorate, voting under key */
int	voter_add(struct db *, int64_t decision_id, const char *addr,
	    const char *key);

/* voter_key - the key addr votes under into *key (caller frees);
 * DB_NOTFOUND if addr is not in the electorate */
int	voter_key(struct db *, int64_t decision_id, const char *addr,
	    char **key);

/* voter_count - how many keys (voters) the electorate has */
int	voter_count(struct db *, int64_t decision_id, int64_t *n);

/* ballot_set - key's choice (and reason, or NULL), cast by addr at t,
 * replacing key's earlier one: a changed vote counts once */
int	ballot_set(struct db *, int64_t decision_id, const char *key,
	    const char *addr, const char *choice, const char *reason,
	    int64_t t);

/* ballot_drop_removed - delete the ballots cast by addresses no longer
 * members of list_id; *n how many */
int	ballot_drop_removed(struct db *, int64_t decision_id,
	    int64_t list_id, int64_t *n);

/* ballot_count - cb(choice, n) for each choice cast, by choice */
int	ballot_count(struct db *, int64_t decision_id,
	    int (*cb)(const char *choice, int64_t n, void *), void *);

/* ballot_each_open - cb(addr, choice, reason) for each ballot that still
 * names its voter, by address: for an open (--open) vote only */
int	ballot_each_open(struct db *, int64_t decision_id,
	    int (*cb)(const char *addr, const char *choice,
	    const char *reason, void *), void *);

/* ballot_anonymise - keep each choice (and reason) of the decision, no
 * longer naming voter, address or time (see above) */
int	ballot_anonymise(struct db *, int64_t decision_id);

/* ballot_mail_add - spool row spool_id carried an answer to the
 * decision (its receipt is about that row) */
int	ballot_mail_add(struct db *, int64_t decision_id, int64_t spool_id);

/*
 * ballot_mail_forget - the text (and Subject) of each answer that came
 * by mail for the decision, and of each receipt sent about one, dropped
 * (the rows stay, for the spool's history and retention; a message
 * another recipient still needs is kept whole); the links then go too
 */
int	ballot_mail_forget(struct db *, int64_t decision_id);

/* ballot_named - how many ballots still name their voter (audit) */
int	ballot_named(struct db *, int64_t decision_id, int64_t *n);

/* decision_drop_pending - the decisions sent by mail and not confirmed
 * before before (their opening_at) are deleted; how many in *n */
int	decision_drop_pending(struct db *, int64_t before, int64_t *n);

#endif /* DB_DECISION_H */
