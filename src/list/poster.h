/*
 * poster.h - notices to the person who sent a post: held, rejected
 *
 * Owns: whether moot may write to a poster at all (never to automated
 * mail, the null sender or one of our own addresses), and at most one
 * notice of a kind a day per poster and list (threat C3: a forged
 * sender hears of 100 junk posts once); the notice is in the poster's
 * language, with the reason as they read it.
 */
#ifndef POSTER_H
#define POSTER_H

struct ctx;
struct list;
struct spool_item;

/*
 * poster_tell - notice tmpl ("held-waiting", "post-rejected") to the
 * poster of post on l, if the rules allow.  reason is as stored (one of
 * policy's, said in the poster's language) or a moderator's own words;
 * NULL or "": the default phrase.  In the caller's transaction.
 */
void	poster_tell(struct ctx *, const struct spool_item *post,
	    const struct list *l, const char *tmpl, const char *reason);

#endif /* POSTER_H */
