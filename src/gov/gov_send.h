/*
 * gov_send.h - what moot writes about a decision, to whom
 *
 * Owns: one notice about a decision to one person, in their language,
 * with the slots every decision notice has (list, title, text, closes:
 * the closing time in the site's zone, zone), From: the person's ballot
 * address LIST-vote+TOKEN when they have one (so a reply, to the
 * ballot or to a receipt, is an answer), else LIST-owner; and the list
 * of a list's members, copied so that the caller may write while it
 * goes through them.  Queued in the caller's transaction (notice.h).
 */
#ifndef GOV_SEND_H
#define GOV_SEND_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct decision_row;
struct list;
struct tmpl_slot;
struct vbuf;

#define GOV_TOKEN_BALLOT	"ballot"	/* a member's answer */
#define GOV_TOKEN_CASTING	"casting"	/* the chair's casting vote */
#define GOV_TOKEN_PROPOSER	"proposer"	/* amend, or call a vote */

/* One person to write to. */
struct gov_person {
	char	*addr;		/* owned */
	char	*lang;		/* owned; NULL: the list's */
	char	*role;		/* owned */
	char	*org;		/* owned; NULL: none */
};

/* gov_people - the members of list_id (with roles "a,b" only, unless
 * roles is NULL) into *v, *n of them; gov_people_free() them.  0 or -1 */
int	gov_people(struct ctx *, int64_t list_id, const char *roles,
	    struct gov_person **v, size_t *n);
void	gov_people_free(struct gov_person **v, size_t n);

/*
 * gov_send - template tmpl about d to to (who reads lang), with the
 * common slots and extra; token (NULL: none) goes in From: and Reply-To:
 * as LIST-vote+TOKEN.  0, or -1 (logged, never with the token)
 */
int	gov_send(struct ctx *, const struct list *l,
	    const struct decision_row *d, const char *tmpl, const char *to,
	    const char *lang, const char *token, const struct tmpl_slot *extra,
	    size_t nextra);

/* gov_send_about - gov_send(), the notice being about spool row
 * spool_id (a receipt, about the answer it receipts: its text is
 * dropped with the answer's when the decision closes) */
int	gov_send_about(struct ctx *, const struct list *l,
	    const struct decision_row *d, const char *tmpl, const char *to,
	    const char *lang, const char *token, const struct tmpl_slot *extra,
	    size_t nextra, int64_t spool_id);

/* gov_closes - d's closing time as people read it: "YYYY-MM-DD HH:MM" */
void	gov_closes(int64_t t, char *buf, size_t size);

/* gov_results - each option and its votes, a line each ("  for: 3"),
 * into out, from "for=3,against=3" */
void	gov_results(const char *result, struct vbuf *out);

#endif /* GOV_SEND_H */
