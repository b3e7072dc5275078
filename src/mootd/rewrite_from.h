/*
 * rewrite_from.h - the members' copy From: the list, for DMARC
 *
 * Owns: whether a list's copy of a post goes out From: the list rather
 * than the author (the list's --dmarc and, for auto, the DMARC policy
 * of the author's domain, looked up through mail/dmarc.h and logged),
 * and the fields that then change: From: becomes "Name via LIST"
 * <LIST@domain> ("via" in the list's language: the phrase from-via),
 * and the author joins Reply-To: or Cc: (--dmarc-author)
 * so that replies still reach them.  rewrite.c calls the field
 * functions while it writes the header; rewrite_from_wanted() asks
 * DNS (within [dns] timeout), and the new From: reads its phrase from
 * templates/ (a failure is logged, and the address goes alone).
 */
#ifndef REWRITE_FROM_H
#define REWRITE_FROM_H

struct conf;
struct hdr_field;
struct list;
struct mail;
struct rewrite_in;
struct vbuf;

/*
 * rewrite_from_wanted - 1 if list l sends m From: itself: --dmarc
 * always; auto and the policy of m's From: domain is quarantine,
 * reject, or could not be found out in time; 0 for never, for a post
 * with no From: address moot could read, and for a lax policy
 */
int	rewrite_from_wanted(const struct conf *, const struct list *l,
	    const struct mail *m);

/* Where the author goes, decided once for the post: the field named by
 * the list, or the other one when the post's own cannot take another
 * address (raw 8-bit bytes, a line too long, a value that does not
 * parse); NULL when neither can. */
struct rewrite_from {
	const struct rewrite_in	*in;
	const char		*author_to;	/* "Reply-To", "Cc" or NULL */
	const struct hdr_field	*merge;		/* the post's own field
						 * named author_to; NULL:
						 * none, one is added */
	int			 named;		/* merge names the author
						 * already: left as it is */
};

/* rewrite_from_init - plan the fields of in's post (in->from_list) */
void	rewrite_from_init(struct rewrite_from *, const struct rewrite_in *in);

/*
 * rewrite_from_field - 1 if f is a field the rewrite replaces, after
 * writing what goes in its place into out (the new From: for the first
 * From:, nothing for any other, the merged Reply-To: or Cc:); 0 for a
 * field that goes as it is
 */
int	rewrite_from_field(struct rewrite_from *, const struct hdr_field *f,
	    struct vbuf *out);

/* rewrite_from_end - the Reply-To: or Cc: with the author, if the post
 * had none, into out */
void	rewrite_from_end(struct rewrite_from *, struct vbuf *out);

#endif /* REWRITE_FROM_H */
