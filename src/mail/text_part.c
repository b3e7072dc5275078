/*
 * text_part.c - the readable text of a message; see text_part.h
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "mail/text_part.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

struct pick {
	struct mailmime	*plain;		/* the first usable text/plain */
	struct mailmime	*html;		/* the first usable text/html */
	struct mailmime	*calendar;	/* the first text/calendar */
};

/* subtype_is - the part is text/<sub> */
static int
text_subtype_is(const struct mailmime *mm, const char *sub)
{
	const struct mailmime_content *ct = mm->mm_content_type;

	if (ct == NULL)		/* no Content-Type: text/plain */
		return (strcmp(sub, "plain") == 0);
	return (ct->ct_type != NULL &&
	    ct->ct_type->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	    ct->ct_type->tp_data.tp_discrete_type != NULL &&
	    ct->ct_type->tp_data.tp_discrete_type->dt_type ==
	    MAILMIME_DISCRETE_TYPE_TEXT && ct->ct_subtype != NULL &&
	    strcasecmp(ct->ct_subtype, sub) == 0);
}

/* attachment - the part says Content-Disposition: attachment */
static int
attachment(struct mailmime *mm)
{
	struct mailmime_single_fields	sf;

	mailmime_single_fields_init(&sf, mm->mm_mime_fields,
	    mm->mm_content_type);
	return (sf.fld_disposition != NULL &&
	    sf.fld_disposition->dsp_type != NULL &&
	    sf.fld_disposition->dsp_type->dsp_type ==
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT);
}

/* walk - find the parts; message/rfc822 parts are someone else's text */
static void
walk(struct mailmime *mm, struct pick *p, int depth)
{
	clistiter	*it;

	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		if (p->calendar == NULL && text_subtype_is(mm, "calendar"))
			p->calendar = mm;
		if (attachment(mm))
			break;
		if (p->plain == NULL && text_subtype_is(mm, "plain"))
			p->plain = mm;
		else if (p->html == NULL && text_subtype_is(mm, "html"))
			p->html = mm;
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			walk(clist_content(it), p, depth + 1);
		break;
	case MAILMIME_MESSAGE:
		if (depth == 0 && mm->mm_data.mm_message.mm_msg_mime != NULL)
			walk(mm->mm_data.mm_message.mm_msg_mime, p, depth + 1);
		break;
	}
}

/* text_part_decode - see text_part.h */
int
text_part_decode(struct mailmime *mm, size_t max, struct vbuf *out)
{
	struct mailmime_single_fields	 sf;
	struct mailmime_data		*d = mm->mm_data.mm_single;
	char				*dec = NULL, *utf8 = NULL;
	size_t				 idx = 0, declen = 0;
	int				 enc = MAILMIME_MECHANISM_8BIT;
	const char			*cs;

	vbuf_reset(out);
	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
		return (-1);
	mailmime_single_fields_init(&sf, mm->mm_mime_fields,
	    mm->mm_content_type);
	if (sf.fld_encoding != NULL)
		enc = sf.fld_encoding->enc_type;
	if (mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &idx, enc, &dec, &declen) !=
	    MAILIMF_NO_ERROR)
		return (-1);
	if (declen > max)
		declen = max;
	cs = sf.fld_content_charset != NULL ? sf.fld_content_charset :
	    "us-ascii";
	if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "us-ascii") == 0 ||
	    charconv("utf-8", cs, dec, declen, &utf8) != MAIL_CHARCONV_NO_ERROR)
		vbuf_cat(out, dec, declen);	/* as it is: better than nothing */
	else {
		vbuf_puts(out, utf8);
		free(utf8);
	}
	mailmime_decoded_part_free(dec);
	return (vbuf_err(out) ? -1 : 0);
}

static void	html_text(xmlNode *, struct vbuf *, int);

/* html_link - a link's text, then its target when the text is not it */
static void
html_link(xmlNode *n, const char *href, struct vbuf *out)
{
	struct vbuf	text;

	vbuf_init(&text, VBUF_NOMAX);
	html_text(n->children, &text, 1);
	vis_bidi_append(out, vbuf_str(&text));
	href += strspn(href, " \t\r\n");
	if (mime_link_text_differs(vbuf_str(&text), href)) {
		vbuf_puts(out, " <");
		vis_bidi_append(out, href);
		vbuf_putc(out, '>');
	}
	vbuf_release(&text);
}

/* html_text - text nodes in document order, with breaks for blocks;
 * with links, each link's target after its text */
static void
html_text(xmlNode *n, struct vbuf *out, int links)
{
	static const char *const blocks[] = { "p", "div", "br", "li", "tr",
	    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol" };
	static const char *const skipped[] = { "head", "script", "style",
	    "blockquote", "title" };

	for (; n != NULL; n = n->next) {
		int	block = 0, skip = 0;

		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			vbuf_puts(out, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < nitems(skipped); i++)
			skip |= xmlStrcasecmp(n->name,
			    (const xmlChar *)skipped[i]) == 0;
		if (skip)
			continue;
		if (links && xmlStrcasecmp(n->name, (const xmlChar *)"a") ==
		    0) {
			xmlChar	*href;

			href = xmlGetProp(n, (const xmlChar *)"href");
			if (href != NULL) {
				html_link(n, (const char *)href, out);
				xmlFree(href);
				continue;
			}
		}
		for (size_t i = 0; i < nitems(blocks); i++)
			block |= xmlStrcasecmp(n->name,
			    (const xmlChar *)blocks[i]) == 0;
		if (block)
			vbuf_putc(out, '\n');
		html_text(n->children, out, links);
		if (block)
			vbuf_putc(out, '\n');
	}
}

/* html_render - text from HTML, links shown or not */
static int
html_render(const char *html, size_t len, size_t max, int links,
    struct vbuf *out)
{
	htmlDocPtr	doc;
	struct vbuf	all;

	vbuf_reset(out);
	doc = htmlReadMemory(html, (int)(len > 16 * 1024 * 1024 ?
	    16 * 1024 * 1024 : len), NULL, "UTF-8", HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	if (doc == NULL)
		return (-1);
	vbuf_init(&all, max * 4 + 1024);
	html_text(xmlDocGetRootElement(doc), &all, links);
	xmlFreeDoc(doc);
	/* Non-breaking spaces read as spaces. */
	for (size_t i = 0; i < all.len; i++) {
		if ((unsigned char)all.data[i] == 0xc2 && i + 1 < all.len &&
		    (unsigned char)all.data[i + 1] == 0xa0) {
			vbuf_putc(out, ' ');
			i++;
		} else
			vbuf_putc(out, all.data[i]);
	}
	vbuf_release(&all);
	if (out->len > max)
		vbuf_truncate(out, max);
	return (0);
}

/* text_part_html - see text_part.h */
int
text_part_html(const char *html, size_t len, size_t max, struct vbuf *out)
{
	return (html_render(html, len, max, 0, out));
}

/* cut_utf8 - shorten to at most max bytes without splitting a character */
static void
cut_utf8(struct vbuf *b, size_t max)
{
	size_t	n = b->len;

	if (n <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)b->data[n] & 0xc0) == 0x80)
		n--;
	vbuf_truncate(b, n);
}

/* lf_only - CRLF (and bare CR) to LF, in place */
static void
lf_only(struct vbuf *b)
{
	size_t	i, j;

	for (i = j = 0; i < b->len; i++) {
		if (b->data[i] == '\r') {
			if (i + 1 < b->len && b->data[i + 1] == '\n')
				continue;
			b->data[j++] = '\n';
			continue;
		}
		b->data[j++] = b->data[i];
	}
	vbuf_truncate(b, j);
}

/* get - the text, from HTML with its links shown or not */
static enum text_part_from
get(const struct mail *m, size_t max, int links, struct vbuf *out)
{
	struct mailmime		*mime = NULL, *top;
	struct pick		 p;
	struct vbuf		 raw;
	size_t			 idx = 0;
	enum text_part_from	 from = TEXT_PART_NONE;

	vbuf_reset(out);
	memset(&p, 0, sizeof(p));
	if (mailmime_parse(m->buf, m->len, &idx, &mime) != MAILIMF_NO_ERROR)
		return (TEXT_PART_NONE);
	top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	if (top != NULL)
		walk(top, &p, 0);
	vbuf_init(&raw, VBUF_NOMAX);
	if (p.plain != NULL && text_part_decode(p.plain, max * 4, out) == 0)
		from = TEXT_PART_PLAIN;
	else if (p.html != NULL && text_part_decode(p.html, max * 16,
	    &raw) == 0 && html_render(raw.data, raw.len, max * 4, links,
	    out) == 0)
		from = TEXT_PART_HTML;
	vbuf_release(&raw);
	mailmime_free(mime);
	lf_only(out);
	cut_utf8(out, max);
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
	return (from);
}

/* text_part_get - see text_part.h */
enum text_part_from
text_part_get(const struct mail *m, size_t max, struct vbuf *out)
{
	return (get(m, max, 0, out));
}

/* text_part_show - see text_part.h */
enum text_part_from
text_part_show(const struct mail *m, size_t max, struct vbuf *out)
{
	return (get(m, max, 1, out));
}

/* text_part_calendar - see text_part.h */
int
text_part_calendar(const struct mail *m, size_t max, struct vbuf *out)
{
	struct mailmime	*mime = NULL, *top;
	struct pick	 p;
	size_t		 idx = 0;
	int		 rc = -1;

	vbuf_reset(out);
	memset(&p, 0, sizeof(p));
	if (mailmime_parse(m->buf, m->len, &idx, &mime) != MAILIMF_NO_ERROR)
		return (-1);
	top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	if (top != NULL)
		walk(top, &p, 0);
	if (p.calendar != NULL && text_part_decode(p.calendar, max, out) == 0)
		rc = 0;
	mailmime_free(mime);
	return (rc);
}
