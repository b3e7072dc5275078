/*
 * mime_parts.h - what a message holds besides its text, as a moderator
 * must see it before approving it
 *
 * Owns: the list of a message's attached parts (file name, MIME type,
 * size once decoded) and of the links in its HTML parts (the text a
 * reader sees, and where the link really goes: a phishing link's text
 * names one site and its target another).  MIME is libetpan's, HTML is
 * libxml2's parser (no network); both within bounds.  Knows nothing of
 * notices: list/hold.c shows what this finds.  Never logs.
 */
#ifndef MIME_PARTS_H
#define MIME_PARTS_H

#include <stddef.h>

struct mail;
struct vbuf;

#define MIME_PARTS_LINKS_MAX	100	/* kept; the rest are counted */

struct mime_attachment {
	char	*name;	/* owned; UTF-8, encoded words decoded; "" when
			 * the part gives none */
	char	*type;	/* owned; "application/pdf", lower case */
	size_t	 size;	/* bytes once decoded */
	char	*data;	/* owned; the decoded bytes, size of them: only
			 * from mime_parts_read_data(), else NULL */
};

struct mime_link {
	char	*text;	/* owned; UTF-8, white space run together; ""
			 * for a link with no text (an image) */
	char	*target; /* owned; the href, trimmed */
};

struct mime_parts {
	struct mime_attachment	*att;	/* owned array */
	size_t			 natt;
	struct mime_link	*links;	/* owned array */
	size_t			 nlinks;
	size_t			 more_links; /* past MIME_PARTS_LINKS_MAX */
	int			 keep;	/* keep each attachment's data */
};

/*
 * mime_parts_read - the attachments and links of m, parsed by
 * mail_parse() (so within [limits] mime_depth and mime_parts).  An
 * attachment is every part that is not the message's text: a part with
 * a file name or Content-Disposition: attachment, any part not text/plain
 * or text/html, and an attached message.  Links come from the HTML
 * parts that are not attachments.  0, or -1 if the MIME structure cannot
 * be read (then *p is empty).  mime_parts_release() it either way.
 */
int	mime_parts_read(const struct mail *m, struct mime_parts *p);
void	mime_parts_release(struct mime_parts *p);

/* mime_parts_read_data - as mime_parts_read(), and each single-part
 * attachment's decoded bytes kept in its data (papers for an agenda) */
int	mime_parts_read_data(const struct mail *m, struct mime_parts *p);

/* mime_link_differs - the link's text is not its target (nor empty):
 * what the reader sees and where the link goes are two things to show */
int	mime_link_differs(const struct mime_link *);

/* mime_link_text_differs - the same rule for a text (white space around
 * it aside) and a target */
int	mime_link_text_differs(const char *text, const char *target);

/* mime_parts_html_links - the links of an HTML document (for tests too) */
int	mime_parts_html_links(const char *html, size_t len,
	    struct mime_parts *p);

#endif /* MIME_PARTS_H */
