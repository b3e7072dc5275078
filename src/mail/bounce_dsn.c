/*
 * bounce_dsn.c - the MIME side of a bounce: RFC 3464 delivery status
 * reports, RFC 5965 feedback reports, and the copies they quote
 *
 * libetpan parses the MIME tree (within the limits mail_parse() checked);
 * the message/delivery-status body is a sequence of header-like groups
 * (RFC 3464 section 2.1): one per message, then one per recipient, which
 * we read here, unfolded, with a table of the fields we use.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "mail/bounce.h"
#include "mail/bounce_int.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DSN_GROUPS_MAX	100	/* recipient groups read in one report */
#define DSN_BYTES_MAX	(256 * 1024)	/* of one delivery-status body */

enum dsn_slot {
	DSN_FINAL,		/* Final-Recipient: rfc822; a@b */
	DSN_ORIGINAL,		/* Original-Recipient: rfc822; a@b */
	DSN_ACTION,		/* failed, delayed, delivered, ... */
	DSN_STATUS,		/* 5.1.1 */
	DSN_DIAG,		/* Diagnostic-Code: smtp; 550 ... */
	DSN_NSLOTS
};

static const struct dsn_field {
	const char	*name;
	enum dsn_slot	 slot;
} dsn_fields[] = {
	{ "Final-Recipient", DSN_FINAL },
	{ "Original-Recipient", DSN_ORIGINAL },
	{ "Action", DSN_ACTION },
	{ "Status", DSN_STATUS },
	{ "Diagnostic-Code", DSN_DIAG },
};

/*
 * What an Action says (RFC 3464 section 2.3.3), by its first word.  Not
 * in the RFC but seen from real servers: "failure", "error".  A success
 * (delivered, relayed, expanded) is no failure: the recipient is left
 * out.
 */
static const struct dsn_action {
	const char		*word;
	enum bounce_class	 cls;
} dsn_actions[] = {
	{ "failed", BOUNCE_HARD },
	{ "failure", BOUNCE_HARD },
	{ "error", BOUNCE_HARD },
	{ "delayed", BOUNCE_SOFT },
	{ "delivered", BOUNCE_NOT },
	{ "relayed", BOUNCE_NOT },
	{ "expanded", BOUNCE_NOT },
};

struct dsn_group {
	const char	*v[DSN_NSLOTS];	/* into the body; NULL if absent */
	size_t		 n[DSN_NSLOTS];
	int		 any;		/* a field of ours was seen */
};

struct dsn_walk {
	struct bounce		*b;
	const char		*field;
	int			 report; /* a delivery-status part, read */
	int			 feedback; /* a feedback-report part */
	int			 groups;
	int			 hard, soft, delivered; /* groups of each
					 * class */
	char			 status[BOUNCE_STATUS_MAX]; /* the first
					 * hard group's, else soft's */
};

/* action_class - the class an Action value gives, or -1 if unknown */
static int
action_class(const char *v, size_t n)
{
	size_t	w;

	while (n > 0 && isspace((unsigned char)*v)) {
		v++;
		n--;
	}
	for (w = 0; w < n && isalpha((unsigned char)v[w]); w++)
		;
	for (size_t i = 0; i < nitems(dsn_actions); i++)
		if (strlen(dsn_actions[i].word) == w &&
		    strncasecmp(dsn_actions[i].word, v, w) == 0)
			return ((int)dsn_actions[i].cls);
	return (-1);
}

/* rcpt_add - the address of a recipient field "type; addr", if it
 * names one: 1 if it was taken */
static int
rcpt_add(struct bounce *b, const char *v, size_t n, const char *st,
    int cls)
{
	const char	*semi;
	size_t		 before = b->nrcpt;

	if (v == NULL)
		return (0);
	if ((semi = memchr(v, ';', n)) != NULL) {
		n -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	bounce_add_rcpt(b, v, n, st, (enum bounce_class)cls);
	return (b->nrcpt > before);
}

/* group_end - one recipient group read: its class and recipient */
static void
group_end(struct dsn_walk *w, struct dsn_group *g)
{
	char		 st[BOUNCE_STATUS_MAX];
	int		 cls = -1;

	if (!g->any || w->groups++ >= DSN_GROUPS_MAX)
		goto done;
	if (g->v[DSN_STATUS] == NULL ||
	    !bounce_status_scan(g->v[DSN_STATUS], g->n[DSN_STATUS], st))
		(void)bounce_status_scan(g->v[DSN_DIAG], g->n[DSN_DIAG], st);
	if (g->v[DSN_ACTION] != NULL)
		cls = action_class(g->v[DSN_ACTION], g->n[DSN_ACTION]);
	/* no Action we know: the status's class says it */
	if (cls == -1)
		cls = st[0] == '5' ? BOUNCE_HARD : st[0] == '4' ?
		    BOUNCE_SOFT : st[0] == '2' ? BOUNCE_NOT : -1;
	if (cls == BOUNCE_NOT)
		w->delivered++;
	if (cls == -1 || cls == BOUNCE_NOT)
		goto done;
	/* the report's class, whether or not an address comes with it */
	if (cls == BOUNCE_HARD && w->hard++ == 0)
		memcpy(w->status, st, sizeof(st));
	if (cls == BOUNCE_SOFT && w->soft++ == 0 && w->hard == 0)
		memcpy(w->status, st, sizeof(st));
	/* "rfc822; a@b"; an X.400 Final-Recipient names no address, and
	 * the Original-Recipient may */
	if (!rcpt_add(w->b, g->v[DSN_FINAL], g->n[DSN_FINAL], st, cls))
		(void)rcpt_add(w->b, g->v[DSN_ORIGINAL], g->n[DSN_ORIGINAL], st,
		    cls);
done:
	memset(g, 0, sizeof(*g));
}

/* dsn_line - one unfolded field line of a group */
static void
dsn_line(struct dsn_group *g, const char *l, size_t n)
{
	const char	*colon = memchr(l, ':', n);

	if (colon == NULL)
		return;
	for (size_t i = 0; i < nitems(dsn_fields); i++) {
		size_t	fl = strlen(dsn_fields[i].name);

		if ((size_t)(colon - l) == fl &&
		    strncasecmp(l, dsn_fields[i].name, fl) == 0) {
			g->v[dsn_fields[i].slot] = colon + 1;
			g->n[dsn_fields[i].slot] = n - fl - 1;
			g->any = 1;
		}
	}
}

/*
 * dsn_body - the groups of a delivery-status body.  A folded field's
 * continuation lines are taken with it (the value then spans them, CRLFs
 * and all, which the status scan reads as white space).
 */
static void
dsn_body(struct dsn_walk *w, const char *p, size_t len)
{
	struct dsn_group	 g;
	const char		*end = p + len, *nl, *fs = NULL;

	memset(&g, 0, sizeof(g));
	for (; p < end; p = nl + 1) {
		size_t	n;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0 && (p[0] == ' ' || p[0] == '\t'))
			continue;	/* folded: part of fs's value */
		if (fs != NULL)
			dsn_line(&g, fs, (size_t)(p - fs) - 1);
		fs = NULL;
		if (n == 0)
			group_end(w, &g);
		else
			fs = p;
		if (nl == end)
			break;
	}
	if (fs != NULL)
		dsn_line(&g, fs, (size_t)(end - fs));
	group_end(w, &g);
}

/* part_type_is - the part's Content-Type is major/sub */
static int
part_type_is(const struct mailmime *mm, int composite, int type,
    const char *sub)
{
	const struct mailmime_content	*ct = mm->mm_content_type;
	const struct mailmime_type	*t;

	if (ct == NULL || (t = ct->ct_type) == NULL || ct->ct_subtype == NULL ||
	    strcasecmp(ct->ct_subtype, sub) != 0)
		return (0);
	if (composite)
		return (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
		    t->tp_data.tp_composite_type != NULL &&
		    t->tp_data.tp_composite_type->ct_type == type);
	return (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	    t->tp_data.tp_discrete_type != NULL &&
	    t->tp_data.tp_discrete_type->dt_type == type);
}

/* is_message - message/<sub> */
static int
is_message(const struct mailmime *mm, const char *sub)
{
	return (part_type_is(mm, 1, MAILMIME_COMPOSITE_TYPE_MESSAGE, sub));
}

/* copy_fields - Message-ID and the caller's field of an attached copy */
static void
copy_fields(struct dsn_walk *w, struct mailmime *mm)
{
	struct mailimf_fields	*f = mm->mm_data.mm_message.mm_fields;
	clistiter		*it;

	if (f == NULL)
		return;
	for (it = clist_begin(f->fld_list); it != NULL; it = clist_next(it)) {
		struct mailimf_field	*fl = clist_content(it);
		const char		*v = NULL;

		if (fl->fld_type == MAILIMF_FIELD_MESSAGE_ID &&
		    w->b->orig_msgid == NULL)
			v = fl->fld_data.fld_message_id->mid_value;
		if (v != NULL && strlen(v) <= BOUNCE_FIELD_MAX)
			w->b->orig_msgid = xstrdup(v);
		if (fl->fld_type == MAILIMF_FIELD_OPTIONAL_FIELD &&
		    w->field != NULL && w->b->orig_field == NULL &&
		    strcasecmp(fl->fld_data.fld_optional_field->fld_name,
		    w->field) == 0)
			v = fl->fld_data.fld_optional_field->fld_value;
		else
			continue;
		if (strlen(v) <= BOUNCE_FIELD_MAX)
			w->b->orig_field = xstrdup(v);
	}
}

/* single - a leaf part: a status report, a feedback report, or the
 * header section of the message that failed */
static void
single(struct dsn_walk *w, struct mailmime *mm)
{
	struct vbuf	body;

	if (is_message(mm, "feedback-report")) {
		w->feedback = 1;
		return;
	}
	vbuf_init(&body, VBUF_NOMAX);
	if ((is_message(mm, "delivery-status") ||
	    is_message(mm, "global-delivery-status")) &&
	    text_part_decode(mm, DSN_BYTES_MAX, &body) == 0) {
		w->report = 1;
		dsn_body(w, body.data, body.len);
	} else if ((part_type_is(mm, 0, MAILMIME_DISCRETE_TYPE_TEXT,
	    "rfc822-headers") || is_message(mm, "global-headers")) &&
	    text_part_decode(mm, DSN_BYTES_MAX, &body) == 0)
		bounce_quoted_fields(body.data, body.len, w->field, w->b);
	vbuf_release(&body);
}

/* walk - the parts of the report; an attached message is the copy that
 * failed, and its own parts are not the report's */
static void
walk(struct dsn_walk *w, struct mailmime *mm)
{
	clistiter	*it;

	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		single(w, mm);
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			walk(w, clist_content(it));
		break;
	case MAILMIME_MESSAGE:
		copy_fields(w, mm);
		break;
	}
}

/* bounce_dsn_read - see bounce_int.h */
int
bounce_dsn_read(const struct mail *m, const struct limits *lim,
    const char *field, struct bounce *b)
{
	struct mailmime	*mime = NULL, *top;
	struct dsn_walk	 w;
	size_t		 idx = 0;

	memset(&w, 0, sizeof(w));
	w.b = b;
	w.field = field;
	/* The MIME limits were checked by mail_parse(); a report's body is
	 * bounded here by DSN_BYTES_MAX, its groups by DSN_GROUPS_MAX. */
	(void)lim;
	if (mailmime_parse(m->buf, m->len, &idx, &mime) != MAILIMF_NO_ERROR)
		return (-1);
	top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	if (top != NULL)
		walk(&w, top);
	mailmime_free(mime);
	if (w.feedback) {
		/* A complaint that a member marked a post as spam: a
		 * filter's business, never a failure to deliver. */
		b->form = "arf";
		b->cls = BOUNCE_SPAMFILTER;
		return (1);
	}
	if (!w.report || w.hard + w.soft + w.delivered == 0)
		return (0);	/* nothing read: the text may say more */
	b->form = "rfc3464";
	b->cls = w.hard > 0 ? BOUNCE_HARD : w.soft > 0 ? BOUNCE_SOFT :
	    BOUNCE_NOT;
	memcpy(b->status, w.status, sizeof(w.status));
	return (1);
}
