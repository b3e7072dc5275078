/*
 * rewrite_from.c - the members' copy From: the list, for DMARC; see
 * rewrite_from.h
 *
 * Why: a list's relay is not in the author's SPF record, and a prefix
 * or footer breaks the author's DKIM signature, so a copy From: a
 * domain with p=reject or p=quarantine fails DMARC at the members'
 * providers, which refuse it or file it as spam, and may count the
 * refusals against the member.  Mailman and Sympa answer the same way:
 * the list's own address in From:, the author's name kept in its
 * display name, the author's address where replies go.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "mail/addr.h"
#include "global/conf.h"
#include "db/db_list.h"
#include "mail/dmarc.h"
#include "mail/hdr_encode.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "util/log.h"
#include "mail/mail.h"
#include "mootd/rewrite.h"
#include "mootd/rewrite_from.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* rewrite_from_wanted - see rewrite_from.h */
int
rewrite_from_wanted(const struct conf *c, const struct list *l,
    const struct mail *m)
{
	struct dns_conf		dc;
	struct dmarc_result	r;
	const char		*domain;
	int			want;

	if (m->from_addr == NULL || list_dmarc(l) == LIST_DMARC_NEVER)
		return (0);
	if (list_dmarc(l) == LIST_DMARC_ALWAYS)
		return (1);
	domain = addr_domain(m->from_addr);
	dc.server = c->dns_server;
	dc.timeout = (int)c->dns_timeout;
	dmarc_lookup(&dc, domain, &r);
	/* A lookup that failed is taken as strict: a copy refused is
	 * worse than a From: rewritten for nothing. */
	want = r.policy != DMARC_NONE;
	if (r.policy == DMARC_UNKNOWN)
		log_warnx("list=%s dmarc: %s: lookup %s (%s)%s: From: "
		    "rewritten", l->name, domain, dns_status_name(r.dns),
		    r.why, r.cached ? ", remembered" : "");
	else
		log_info("list=%s dmarc: %s: policy %s%s%s%s: From: %s",
		    l->name, domain, dmarc_policy_name(r.policy),
		    r.at[0] != '\0' ? " at _dmarc." : "", r.at,
		    r.cached ? " (remembered)" : "", want ? "rewritten" :
		    "kept");
	return (want);
}

/* names - the address list al has addr in it, as a mailbox or in a
 * group */
static int
names(const struct mailimf_address_list *al, const char *addr)
{
	clistiter	*it, *jt;

	for (it = clist_begin(al->ad_list); it != NULL; it = clist_next(it)) {
		const struct mailimf_address	*a = clist_content(it);
		const struct mailimf_group	*g;

		if (a->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			if (strcasecmp(a->ad_data.ad_mailbox->mb_addr_spec,
			    addr) == 0)
				return (1);
			continue;
		}
		g = a->ad_data.ad_group;
		if (g->grp_mb_list == NULL)
			continue;
		for (jt = clist_begin(g->grp_mb_list->mb_list); jt != NULL;
		    jt = clist_next(jt)) {
			const struct mailimf_mailbox *mb = clist_content(jt);

			if (strcasecmp(mb->mb_addr_spec, addr) == 0)
				return (1);
		}
	}
	return (0);
}

/*
 * mergeable - f can take one more address: ASCII, within the line
 * limit, and the whole value an address list; *has is set if it names
 * addr already
 */
static int
mergeable(const struct hdr_field *f, const char *addr, int *has)
{
	struct vbuf			 v;
	struct mailimf_address_list	*al = NULL;
	size_t				 idx = 0;
	int				 ok = 0;

	*has = 0;
	if (hdr_has_8bit(f) || hdr_encode_remade(f))
		return (0);
	vbuf_init(&v, VBUF_NOMAX);
	if (hdr_unfold(f, &v) == 0 && v.len > 0 &&
	    mailimf_address_list_parse(vbuf_str(&v), v.len, &idx, &al) ==
	    MAILIMF_NO_ERROR) {
		ok = idx == v.len;
		*has = names(al, addr);
		mailimf_address_list_free(al);
	}
	vbuf_release(&v);
	return (ok);
}

/* rewrite_from_init - see rewrite_from.h */
void
rewrite_from_init(struct rewrite_from *rf, const struct rewrite_in *in)
{
	static const char *const order[][2] = {
		[LIST_AUTHOR_REPLY_TO] = { "Reply-To", "Cc" },
		[LIST_AUTHOR_CC] = { "Cc", "Reply-To" },
	};
	const char *const	*o = order[list_dmarc_author(in->list)];

	memset(rf, 0, sizeof(*rf));
	rf->in = in;
	if (!in->from_list)
		return;
	for (size_t i = 0; i < 2; i++) {
		const struct hdr_field	*f = mail_field(in->mail, o[i], 0);
		int			 has = 0;

		if (f == NULL || mergeable(f, in->mail->from_addr, &has)) {
			rf->author_to = o[i];
			rf->merge = f;
			rf->named = has;
			return;
		}
	}
}

/* author_name - the author's display name, cleaned and its bidi
 * controls made visible (threat F3: an override would turn " via
 * LIST", moot's words, around), or else the local part of their
 * address, into out */
static void
author_name(const struct mail *m, struct vbuf *out)
{
	struct vbuf	 clean;
	const char	*s, *at;
	size_t		 n;

	vbuf_init(&clean, VBUF_NOMAX);
	if (m->from_name != NULL)
		hdr_encode_shown(&clean, m->from_name);
	s = vbuf_str(&clean);
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0) {
		s = m->from_addr;
		at = strrchr(s, '@');
		n = at != NULL ? (size_t)(at - s) : strlen(s);
	}
	vbuf_cat(out, s, n);
	vbuf_release(&clean);
}

/* author_mailbox - "Name <addr>" of the author, as a field value */
static void
author_mailbox(const struct mail *m, struct vbuf *out)
{
	struct vbuf	clean;

	vbuf_init(&clean, VBUF_NOMAX);
	if (m->from_name != NULL)
		hdr_encode_clean(&clean, m->from_name);
	hdr_encode_mailbox(out, vbuf_str(&clean), m->from_addr);
	vbuf_release(&clean);
}

/*
 * via_name - the display name "Name via LIST" into out: the phrase
 * from-via in the list's language (templates/LANG/phrases; the site's,
 * then en, when it has none).  0, or -1 (said in the log) when no
 * phrase can be read: the caller then writes the address alone.
 */
static int
via_name(const struct rewrite_in *in, struct vbuf *out)
{
	const char	*langs[2] = { in->list->language, NULL };
	struct vbuf	 name, err;
	int		 rc;

	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&err, 256);
	author_name(in->mail, &name);
	{
		struct tmpl_slot slots[] = {
			{ "name", vbuf_str(&name) },
			{ "list", in->list->name },
		};

		rc = tmpl_phrase(in->conf, langs, "from-via", slots,
		    nitems(slots), out, &err);
	}
	if (rc == -1)
		log_warnx("list=%s From: the list without a name: %s",
		    in->list->name, vbuf_str(&err));
	/* A phrase is a line: its end is no part of the name. */
	while (out->len > 0 && (out->data[out->len - 1] == '\n' ||
	    out->data[out->len - 1] == ' '))
		vbuf_truncate(out, out->len - 1);
	vbuf_release(&name);
	vbuf_release(&err);
	return (rc);
}

/* new_from - From: "Name via LIST" <LIST@domain>, the name in the
 * list's language, encoded (RFC 2047) where it is not ASCII */
static void
new_from(const struct rewrite_in *in, struct vbuf *out)
{
	struct vbuf	name, addr, value;

	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&addr, VBUF_NOMAX);
	vbuf_init(&value, VBUF_NOMAX);
	listaddr_format(&addr, in->conf, in->list->name, AK_POST, NULL);
	if (via_name(in, &name) == 0)
		hdr_encode_mailbox(&value, vbuf_str(&name), vbuf_str(&addr));
	/* A name no line can hold: the address alone still passes. */
	if (value.len == 0 ||
	    hdr_encode_field(out, "From", vbuf_str(&value)) == -1)
		hdr_encode_field(out, "From", vbuf_str(&addr));
	vbuf_release(&name);
	vbuf_release(&addr);
	vbuf_release(&value);
}

/* rewrite_from_field - see rewrite_from.h */
int
rewrite_from_field(struct rewrite_from *rf, const struct hdr_field *f,
    struct vbuf *out)
{
	const struct mail	*m = rf->in->mail;
	struct vbuf		 v;
	int			 rc;

	if (!rf->in->from_list)
		return (0);
	if (hdr_is(f, "From")) {
		/* A second From: (RFC 5322 allows one) would still fail. */
		if (f == mail_field(m, "From", 0))
			new_from(rf->in, out);
		return (1);
	}
	if (f != rf->merge || rf->named)
		return (0);
	/* The post's own addresses first: theirs is the first say. */
	vbuf_init(&v, VBUF_NOMAX);
	(void)hdr_unfold(f, &v);
	vbuf_puts(&v, ", ");
	author_mailbox(m, &v);
	rc = hdr_encode_field(out, rf->author_to, vbuf_str(&v));
	vbuf_release(&v);
	return (rc == 0);
}

/* rewrite_from_end - see rewrite_from.h */
void
rewrite_from_end(struct rewrite_from *rf, struct vbuf *out)
{
	struct vbuf	v;

	if (!rf->in->from_list || rf->author_to == NULL || rf->merge != NULL)
		return;
	vbuf_init(&v, VBUF_NOMAX);
	author_mailbox(rf->in->mail, &v);
	(void)hdr_encode_field(out, rf->author_to, vbuf_str(&v));
	vbuf_release(&v);
}
