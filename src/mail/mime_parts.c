/*
 * mime_parts.c - a message's attachments and links; see mime_parts.h
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/alloc.h"
#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "mail/text_part.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define HTML_MAX	(16 * 1024 * 1024)	/* as text_part.c reads */
#define LINK_TEXT_MAX	300	/* bytes of a link's text kept */
/* Of its target: the end of a long URL is where the real host may hide. */
#define LINK_TARGET_MAX	2048
#define NAME_MAX_BYTES	300	/* of a file name */

/* Discrete types by libetpan's number (RFC 2045 section 5.1). */
static const char *const discrete_names[] = {
	[MAILMIME_DISCRETE_TYPE_TEXT] = "text",
	[MAILMIME_DISCRETE_TYPE_IMAGE] = "image",
	[MAILMIME_DISCRETE_TYPE_AUDIO] = "audio",
	[MAILMIME_DISCRETE_TYPE_VIDEO] = "video",
	[MAILMIME_DISCRETE_TYPE_APPLICATION] = "application",
};

static const char *const composite_names[] = {
	[MAILMIME_COMPOSITE_TYPE_MESSAGE] = "message",
	[MAILMIME_COMPOSITE_TYPE_MULTIPART] = "multipart",
};

/* cut_utf8 - b no longer than max bytes, not inside a character; "..."
 * marks a cut */
static void
cut_utf8(struct vbuf *b, size_t max)
{
	size_t	n = max;

	if (b->len <= max)
		return;
	while (n > 0 && ((unsigned char)b->data[n] & 0xc0) == 0x80)
		n--;
	vbuf_truncate(b, n);
	vbuf_puts(b, "...");
}

/* type_of - "major/minor" of mm, lower case; text/plain if it has none
 * (RFC 2045 section 5.2) */
static void
type_of(const struct mailmime *mm, struct vbuf *out)
{
	const struct mailmime_content	*ct = mm->mm_content_type;
	const struct mailmime_type	*t = ct != NULL ? ct->ct_type : NULL;
	const char			*major = NULL;

	if (t == NULL) {
		vbuf_puts(out, mm->mm_type == MAILMIME_MESSAGE ?
		    "message/rfc822" : "text/plain");
		return;
	}
	if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	    t->tp_data.tp_discrete_type != NULL) {
		int	dt = t->tp_data.tp_discrete_type->dt_type;

		major = dt >= 0 && (size_t)dt < nitems(discrete_names) ?
		    discrete_names[dt] : NULL;
		if (major == NULL)
			major = t->tp_data.tp_discrete_type->dt_extension;
	} else if (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
	    t->tp_data.tp_composite_type != NULL) {
		int	cp = t->tp_data.tp_composite_type->ct_type;

		major = cp >= 0 && (size_t)cp < nitems(composite_names) ?
		    composite_names[cp] : NULL;
		if (major == NULL)
			major = t->tp_data.tp_composite_type->ct_token;
	}
	vbuf_printf(out, "%s/%s", major != NULL ? major : "x-unknown",
	    ct->ct_subtype != NULL ? ct->ct_subtype : "x-unknown");
	for (size_t i = 0; i < out->len; i++)
		out->data[i] = (char)tolower((unsigned char)out->data[i]);
}

/* fields_of - the part's MIME fields, in one struct */
static void
fields_of(struct mailmime *mm, struct mailmime_single_fields *sf)
{
	mailmime_single_fields_init(sf, mm->mm_mime_fields,
	    mm->mm_content_type);
}

/* file_name - the name the part gives itself, if any */
static const char *
file_name(const struct mailmime_single_fields *sf)
{
	if (sf->fld_disposition_filename != NULL)
		return (sf->fld_disposition_filename);
	return (sf->fld_content_name);
}

/* is_text - the part is the message's own text: text/plain or text/html
 * (or untyped), inline, with no file name */
static int
is_text(struct mailmime *mm, struct vbuf *type)
{
	struct mailmime_single_fields	sf;

	fields_of(mm, &sf);
	if (file_name(&sf) != NULL || (sf.fld_disposition != NULL &&
	    sf.fld_disposition->dsp_type != NULL &&
	    sf.fld_disposition->dsp_type->dsp_type ==
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT))
		return (0);
	return (strcmp(vbuf_str(type), "text/plain") == 0 ||
	    strcmp(vbuf_str(type), "text/html") == 0);
}

/* decoded_size - the bytes of a single part once its transfer encoding
 * is undone; the encoded length if it cannot be decoded.  With keep,
 * the bytes too, in *keep (NULL if they cannot be decoded). */
static size_t
decoded_size(struct mailmime *mm, char **keep)
{
	struct mailmime_single_fields	 sf;
	struct mailmime_data		*d = mm->mm_data.mm_single;
	char				*dec = NULL;
	size_t				 idx = 0, len = 0;
	int				 enc = MAILMIME_MECHANISM_8BIT;

	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
		return (0);
	fields_of(mm, &sf);
	if (sf.fld_encoding != NULL)
		enc = sf.fld_encoding->enc_type;
	if (mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &idx, enc, &dec, &len) !=
	    MAILIMF_NO_ERROR)
		return (d->dt_data.dt_text.dt_length);
	if (keep != NULL) {
		*keep = xmalloc(len + 1);
		memcpy(*keep, dec, len);
		(*keep)[len] = '\0';
	}
	mailmime_decoded_part_free(dec);
	return (len);
}

/*
 * RFC 2231 names: "filename*=utf-8''caf%C3%A9.png", or cut in numbered
 * sections ("filename*0*=", "filename*1*=").  libetpan reads such a
 * parameter as one with that name and leaves it encoded.
 */
#define RFC2231_SECTIONS	32

struct rfc2231 {
	const char	*v[RFC2231_SECTIONS];	/* borrowed */
	int		 enc[RFC2231_SECTIONS];	/* percent-encoded */
	size_t		 n;
};

/* rfc2231_piece - name=value, if it is a section of base*, is kept */
static void
rfc2231_piece(struct rfc2231 *r, const char *base, const char *name,
    const char *value)
{
	size_t		 bl = strlen(base);
	unsigned long	 k = 0;
	char		*end;
	int		 enc = 1;

	if (name == NULL || value == NULL || strncasecmp(name, base, bl) != 0 ||
	    name[bl] != '*')
		return;
	name += bl + 1;
	if (*name != '\0') {
		if (*name < '0' || *name > '9')
			return;
		k = strtoul(name, &end, 10);
		enc = *end == '*';
		if (k >= RFC2231_SECTIONS || end[enc] != '\0')
			return;
	}
	r->v[k] = value;
	r->enc[k] = enc;
	if (k + 1 > r->n)
		r->n = k + 1;
}

/* hexval - the value of hex digit c, or -1 */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* rfc2231_name - the sections in r, joined, decoded, as UTF-8 in out;
 * -1 if there are none */
static int
rfc2231_name(const struct rfc2231 *r, struct vbuf *out)
{
	struct vbuf	 raw;
	char		 charset[64] = "us-ascii", *utf8 = NULL;
	const char	*p, *q;

	if (r->n == 0 || r->v[0] == NULL)
		return (-1);
	vbuf_init(&raw, VBUF_NOMAX);
	for (size_t k = 0; k < r->n && r->v[k] != NULL; k++) {
		p = r->v[k];
		/* The first encoded section opens with charset'language'. */
		if (k == 0 && r->enc[0] && (q = strchr(p, '\'')) != NULL &&
		    strchr(q + 1, '\'') != NULL) {
			if ((size_t)(q - p) > 0 && (size_t)(q - p) <
			    sizeof(charset))
				(void)snprintf(charset, sizeof(charset), "%.*s",
				    (int)(q - p), p);
			p = strchr(q + 1, '\'') + 1;
		}
		for (; *p != '\0'; p++)
			if (r->enc[k] && *p == '%' && hexval(p[1]) >= 0 &&
			    hexval(p[2]) >= 0) {
				vbuf_putc(&raw, (char)(hexval(p[1]) * 16 +
				    hexval(p[2])));
				p += 2;
			} else
				vbuf_putc(&raw, *p);
	}
	if (strcasecmp(charset, "utf-8") != 0 && strcasecmp(charset,
	    "us-ascii") != 0 && charconv("utf-8", charset, raw.data, raw.len,
	    &utf8) == MAIL_CHARCONV_NO_ERROR) {
		vbuf_puts(out, utf8);
		free(utf8);
	} else
		vbuf_cat(out, raw.data != NULL ? raw.data : "", raw.len);
	vbuf_release(&raw);
	return (0);
}

/* name_2231 - the part's RFC 2231 file name, if it has one, into out */
static int
name_2231(struct mailmime *mm, const struct mailmime_single_fields *sf,
    struct vbuf *out)
{
	struct rfc2231	 fn, n;
	clistiter	*it;

	memset(&fn, 0, sizeof(fn));
	memset(&n, 0, sizeof(n));
	if (sf->fld_disposition != NULL &&
	    sf->fld_disposition->dsp_parms != NULL)
		for (it = clist_begin(sf->fld_disposition->dsp_parms);
		    it != NULL; it = clist_next(it)) {
			struct mailmime_disposition_parm *dp =
			    clist_content(it);

			if (dp->pa_type == MAILMIME_DISPOSITION_PARM_PARAMETER)
				rfc2231_piece(&fn, "filename",
				    dp->pa_data.pa_parameter->pa_name,
				    dp->pa_data.pa_parameter->pa_value);
		}
	if (mm->mm_content_type != NULL &&
	    mm->mm_content_type->ct_parameters != NULL)
		for (it = clist_begin(mm->mm_content_type->ct_parameters);
		    it != NULL; it = clist_next(it)) {
			struct mailmime_parameter *pa = clist_content(it);

			rfc2231_piece(&n, "name", pa->pa_name, pa->pa_value);
		}
	if (rfc2231_name(&fn, out) == 0)
		return (0);
	return (rfc2231_name(&n, out));
}

/* add_attachment - mm, of type, joins the list */
static void
add_attachment(struct mailmime *mm, const char *type, struct mime_parts *p)
{
	struct mailmime_single_fields	 sf;
	struct mime_attachment		*a;
	struct vbuf			 name;
	const char			*raw;

	p->att = xreallocarray(p->att, p->natt + 1, sizeof(*p->att));
	a = &p->att[p->natt++];
	a->data = NULL;
	vbuf_init(&name, VBUF_NOMAX);
	fields_of(mm, &sf);
	/* A name in encoded words (what most programs send) reads as the
	 * sender's program shows it; raw 8-bit bytes as hdr_read.h says. */
	if ((raw = file_name(&sf)) != NULL)
		(void)mail_decode_phrase(raw, &name);
	else
		(void)name_2231(mm, &sf, &name);
	cut_utf8(&name, NAME_MAX_BYTES);
	a->name = xstrdup(vbuf_str(&name));
	a->type = xstrdup(type);
	if (mm->mm_type == MAILMIME_SINGLE)
		a->size = decoded_size(mm, p->keep ? &a->data : NULL);
	else if (mm->mm_body != NULL && mm->mm_body->dt_type ==
	    MAILMIME_DATA_TEXT)
		a->size = mm->mm_body->dt_data.dt_text.dt_length;
	else
		a->size = mm->mm_length;
	vbuf_release(&name);
}

/* add_link - a link found: kept, or counted past the maximum */
static void
add_link(struct mime_parts *p, struct vbuf *text, const char *href)
{
	struct mime_link	*l;
	struct vbuf		 target;

	if (p->nlinks >= MIME_PARTS_LINKS_MAX) {
		p->more_links++;
		return;
	}
	vbuf_init(&target, VBUF_NOMAX);
	href += strspn(href, " \t\r\n");
	vbuf_puts(&target, href);
	while (target.len > 0 && strchr(" \t\r\n",
	    target.data[target.len - 1]) != NULL)
		vbuf_truncate(&target, target.len - 1);
	cut_utf8(&target, LINK_TARGET_MAX);
	cut_utf8(text, LINK_TEXT_MAX);
	p->links = xreallocarray(p->links, p->nlinks + 1, sizeof(*p->links));
	l = &p->links[p->nlinks++];
	l->text = xstrdup(vbuf_str(text));
	l->target = xstrdup(vbuf_str(&target));
	vbuf_release(&target);
}

/* text_of - the text of n and below, white space run together */
static void
text_of(xmlNode *n, struct vbuf *out, int *space)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			text_of(n->children, out, space);
			continue;
		}
		if (n->type != XML_TEXT_NODE || n->content == NULL)
			continue;
		for (const unsigned char *c = n->content; *c != '\0'; c++) {
			/* A non-breaking space (C2 A0) is a space too. */
			if (isspace(*c) || (c[0] == 0xc2 && c[1] == 0xa0)) {
				c += *c == 0xc2;
				*space = out->len > 0;
				continue;
			}
			if (*space)
				vbuf_putc(out, ' ');
			*space = 0;
			vbuf_putc(out, (char)*c);
		}
		if (out->len > LINK_TEXT_MAX * 2)
			return;		/* enough to show; cut later */
	}
}

/* links_in - every <a href> under n, in document order */
static void
links_in(xmlNode *n, struct mime_parts *p)
{
	for (; n != NULL; n = n->next) {
		xmlChar		*href;
		struct vbuf	 text;
		int		 space = 0;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"a") != 0 ||
		    (href = xmlGetProp(n, (const xmlChar *)"href")) == NULL) {
			links_in(n->children, p);
			continue;
		}
		vbuf_init(&text, VBUF_NOMAX);
		text_of(n->children, &text, &space);
		add_link(p, &text, (const char *)href);
		vbuf_release(&text);
		xmlFree(href);
	}
}

/* mime_parts_html_links - see mime_parts.h */
int
mime_parts_html_links(const char *html, size_t len, struct mime_parts *p)
{
	htmlDocPtr	doc;

	if (len == 0)
		return (0);
	doc = htmlReadMemory(html, (int)(len > HTML_MAX ? HTML_MAX : len),
	    NULL, "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	if (doc == NULL)
		return (-1);
	links_in(xmlDocGetRootElement(doc), p);
	xmlFreeDoc(doc);
	return (0);
}

/* walk - the parts under mm; an attached message is one attachment, its
 * own parts are its sender's business */
static void
walk(struct mailmime *mm, struct mime_parts *p)
{
	struct vbuf	 type, html;
	clistiter	*it;

	vbuf_init(&type, 256);
	type_of(mm, &type);
	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		if (!is_text(mm, &type)) {
			add_attachment(mm, vbuf_str(&type), p);
			break;
		}
		if (strcmp(vbuf_str(&type), "text/html") != 0)
			break;
		vbuf_init(&html, HTML_MAX);
		if (text_part_decode(mm, HTML_MAX, &html) == 0)
			(void)mime_parts_html_links(html.data, html.len, p);
		vbuf_release(&html);
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			walk(clist_content(it), p);
		break;
	case MAILMIME_MESSAGE:
		add_attachment(mm, vbuf_str(&type), p);
		break;
	}
	vbuf_release(&type);
}

static int	read_parts(const struct mail *, struct mime_parts *);

/* mime_parts_read - see mime_parts.h */
int
mime_parts_read(const struct mail *m, struct mime_parts *p)
{
	p->keep = 0;
	return (read_parts(m, p));
}

/* mime_parts_read_data - see mime_parts.h */
int
mime_parts_read_data(const struct mail *m, struct mime_parts *p)
{
	p->keep = 1;
	return (read_parts(m, p));
}

/* read_parts - mime_parts_read(), keeping the data if p->keep says so */
static int
read_parts(const struct mail *m, struct mime_parts *p)
{
	struct mailmime	*mime = NULL, *top;
	size_t		 idx = 0;
	int		 keep;

	keep = p->keep;
	memset(p, 0, sizeof(*p));
	p->keep = keep;
	if (mailmime_parse(m->buf, m->len, &idx, &mime) != MAILIMF_NO_ERROR)
		return (-1);
	/* The message itself is a message/rfc822 around its body. */
	top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	if (top != NULL)
		walk(top, p);
	mailmime_free(mime);
	return (0);
}

/* mime_parts_release - see mime_parts.h */
void
mime_parts_release(struct mime_parts *p)
{
	for (size_t i = 0; i < p->natt; i++) {
		free(p->att[i].name);
		free(p->att[i].type);
		free(p->att[i].data);
	}
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].text);
		free(p->links[i].target);
	}
	free(p->att);
	free(p->links);
	memset(p, 0, sizeof(*p));
}

/* mime_link_differs - see mime_parts.h */
int
mime_link_differs(const struct mime_link *l)
{
	return (mime_link_text_differs(l->text, l->target));
}

/* mime_link_text_differs - see mime_parts.h */
int
mime_link_text_differs(const char *t, const char *u)
{
	size_t		 n;

	t += strspn(t, " \t\r\n");
	if (*t == '\0')
		return (0);
	/* "example.org" over "https://example.org/" says the same thing;
	 * anything else, "paypal.com" over another host included, is
	 * shown in full. */
	if (strncasecmp(u, "https://", 8) == 0)
		u += 8;
	else if (strncasecmp(u, "http://", 7) == 0)
		u += 7;
	else if (strncasecmp(u, "mailto:", 7) == 0)
		u += 7;
	if (strncasecmp(t, "https://", 8) == 0)
		t += 8;
	else if (strncasecmp(t, "http://", 7) == 0)
		t += 7;
	n = strlen(t);
	while (n > 0 && strchr(" \t\r\n", t[n - 1]) != NULL)
		n--;
	while (n > 0 && t[n - 1] == '/')
		n--;
	if (strncasecmp(t, u, n) != 0)
		return (1);
	return (strspn(u + n, "/") != strlen(u + n));
}
