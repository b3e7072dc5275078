/*
 * kept.h - the posts a digest or a weekly update carries, each read
 * from the spool once for every member of a list's pass
 *
 * Owns: reading a kept post (digest_post's rows) into what members are
 * shown: its sender, subject and date, its readable text, and, when
 * asked, the copy members got (rewrite.c's, without the footer).  The
 * choice of posts and the message around them are digest.c's and
 * news.c's.
 */
#ifndef MOOTD_KEPT_H
#define MOOTD_KEPT_H

#include <stddef.h>
#include <stdint.h>

#include "util/vbuf.h"

struct ctx;
struct list;

struct kept_post {
	int64_t		 seq, spool_id;
	int		 ok;		/* 0: it could not be read: left out */
	struct vbuf	 from, subject, date;	/* UTF-8, no controls */
	struct vbuf	 text;		/* readable text, UTF-8, LF */
	struct vbuf	 copy;		/* as members got it, no footer, CRLF;
					 * empty unless want_copy */
};

/* The posts read in one list's pass; each lives as long as the pass,
 * and its address stays as more are read. */
struct kept_posts {
	struct ctx		 *x;
	const struct list	 *l;
	const char		 *what;		/* "digest", "update": logs */
	int			  want_copy;
	struct kept_post	**v;		/* owned, each too */
	size_t			  n, cap;
};

void	kept_init(struct kept_posts *, struct ctx *, const struct list *,
	    const char *what, int want_copy);

/* kept_get - post seq (spool row spool_id), read on first use */
const struct kept_post *kept_get(struct kept_posts *, int64_t seq,
	    int64_t spool_id);

void	kept_release(struct kept_posts *);

/* The posts one member's digest or update carries, in order: filled by
 * kept_choose_cb from the database's list of a member's posts. */
#define KEPT_CHOSEN_MAX	100	/* posts in one digest or update */

struct kept_chosen {
	const struct kept_post	*p[KEPT_CHOSEN_MAX];
	size_t			 n;
	int64_t			 last;	/* seq of the last post looked at */
	struct kept_posts	*k;	/* where they are read */
};

/* kept_choose_cb - post seq (spool row spool_id) into the kept_chosen
 * arg, unless it could not be read or the digest is full */
int	kept_choose_cb(int64_t seq, int64_t spool_id, void *arg);

/*
 * kept_intro - the phrase key (digest-intro, news-intro, ...) that opens
 * a digest or an update, in lang (NULL: the list's), its slots the
 * list, the count of posts and the list's request address, on lines of
 * its own (no trailing newline)
 */
void	kept_intro(struct ctx *, const char *lang, const struct list *,
	    const char *key, size_t count, struct vbuf *out);

#endif /* MOOTD_KEPT_H */
