/*
 * gov_mail.h - a proposal or a vote opened by mail to LIST-decide
 *
 * Owns: mail to LIST-decide@domain.  From an organiser or the chair of
 * the list, its Subject is the title and its text the decision's text;
 * a line "Closes: YYYY-MM-DD HH:MM" (the site's zone, or RFC 3339) sets
 * its closing time (else [decisions] mail_closes from now), and a line
 * "Options: A,B,..." makes it a vote with those options (else it is a
 * proposal, decided by consensus); both lines are cut from the text.
 * Nothing opens yet: the decision is recorded as pending and the sender
 * is asked to confirm, at a personal LIST-vote+TOKEN address (token
 * purpose "opening", GOV_OPENING_TTL): any reply but a no opens it
 * (gov_ballot.h), so a forged From: opens nothing.  Anyone else, and an
 * organiser whose message cannot open (no title, no text, a closing
 * time that cannot be read or has passed, no chair for a vote), gets a
 * short refusal saying why; it repeats nothing the stranger wrote
 * (threat B7).  Automatic mail is never answered (threat C2).
 */
#ifndef GOV_MAIL_H
#define GOV_MAIL_H

struct ctx;
struct mail;
struct spool_item;

#define GOV_OPENING_TTL		(3 * 86400)	/* to confirm it */
#define GOV_TOKEN_OPENING	"opening"

/* gov_mail_decide - read s (m); s is done */
void	gov_mail_decide(struct ctx *, struct spool_item *s,
	    const struct mail *m);

#endif /* GOV_MAIL_H */
