/*
 * bounce_forms.c - notices that are not delivery status reports
 *
 * Many servers still write bounces as plain text (qmail, Exim by
 * default, Yahoo, older Gmail and Exchange), and auto-replies,
 * challenge-responses and spam filters' notices arrive at the same
 * address.  One table says what each is known by; the first row that
 * matches decides, so the order of the rows is the order of belief:
 * an MTA's own words first, then what is not a failure at all, then the
 * words any notice may use.  Words are looked for in the notice only,
 * never in the copy it quotes (a post that says "out of office" or
 * "undeliverable" is not a notice).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "mail/bounce.h"
#include "mail/bounce_int.h"
#include "mail/mail.h"
#include "util/sys_defs.h"

#define FORM_LINES_MAX	2000	/* lines of a notice read for addresses */

enum mark_where {
	IN_TEXT,		/* the notice's text, before the copy */
	IN_SUBJECT,		/* the decoded Subject */
	IN_SUBJECT_START,	/* the decoded Subject begins so: where a
				 * program puts its words, before the
				 * subject it answers (a bounce quotes a
				 * post's subject, which may say anything) */
	IN_FIELD,		/* a header field; value a prefix, or any */
};

static const struct mark {
	enum mark_where		 where;
	const char		*what;	/* words, or a field name */
	const char		*value;	/* IN_FIELD: its value begins so */
	enum bounce_class	 cls;
	const char		*form;
	int			 daemon; /* only from automated senders */
} marks[] = {
	/* Delay warnings first: they use a failure's words too. */
	{ IN_TEXT, "has not yet been delivered to", NULL, BOUNCE_SOFT,
	    "exim", 0 },
	{ IN_TEXT, "THIS IS A WARNING MESSAGE ONLY", NULL, BOUNCE_SOFT,
	    "sendmail", 0 },
	{ IN_TEXT, "Delivery to the following recipient has been delayed",
	    NULL, BOUNCE_SOFT, "gmail", 0 },
	{ IN_SUBJECT, "Delayed Mail (still being retried)", NULL,
	    BOUNCE_SOFT, "postfix", 1 },
	{ IN_SUBJECT, "Delivery Status Notification (Delay)", NULL,
	    BOUNCE_SOFT, "gmail", 1 },
	/* Failures, in each MTA's own words. */
	{ IN_TEXT, "This is the qmail-send program", NULL, BOUNCE_HARD,
	    "qmail", 0 },
	{ IN_TEXT, "A message that you sent could not be delivered", NULL,
	    BOUNCE_HARD, "exim", 0 },
	{ IN_TEXT, "Delivery has failed to these recipients", NULL,
	    BOUNCE_HARD, "exchange", 0 },
	{ IN_TEXT, "Your message couldn't be delivered", NULL, BOUNCE_HARD,
	    "exchange", 0 },
	{ IN_TEXT, "Your message couldn\xe2\x80\x99t be delivered", NULL,
	    BOUNCE_HARD, "exchange", 0 },
	{ IN_TEXT, "did not reach some or all of the intended recipients",
	    NULL, BOUNCE_HARD, "exchange", 0 },
	{ IN_TEXT, "did not reach the following recipient", NULL,
	    BOUNCE_HARD, "exchange", 0 },
	{ IN_TEXT, "Delivery to the following recipient failed permanently",
	    NULL, BOUNCE_HARD, "gmail", 0 },
	{ IN_TEXT, "Delivery to the following recipients failed permanently",
	    NULL, BOUNCE_HARD, "gmail", 0 },
	{ IN_TEXT, "Sorry, we were unable to deliver your message", NULL,
	    BOUNCE_HARD, "yahoo", 0 },
	{ IN_TEXT, "Unable to deliver message to the following address",
	    NULL, BOUNCE_HARD, "yahoo", 0 },
	{ IN_TEXT, "I'm sorry to have to inform you that your message",
	    NULL, BOUNCE_HARD, "postfix", 0 },
	{ IN_TEXT, "The following addresses had permanent fatal errors",
	    NULL, BOUNCE_HARD, "sendmail", 0 },
	{ IN_TEXT, "An error has occurred while attempting to deliver a "
	    "message", NULL, BOUNCE_HARD, "opensmtpd", 0 },
	{ IN_TEXT, "This is the DragonFly Mail Agent", NULL, BOUNCE_HARD,
	    "dma", 0 },
	{ IN_TEXT, "Your message cannot be delivered to the following "
	    "recipients", NULL, BOUNCE_HARD, "pmdf", 0 },
	/* Challenge-responses: the sender is asked to prove itself. */
	{ IN_FIELD, "X-Delivery-Agent", "TMDA", BOUNCE_CHALLENGE, "tmda", 0 },
	{ IN_TEXT, "(TMDA)", NULL, BOUNCE_CHALLENGE, "tmda", 0 },
	{ IN_TEXT, "Active Spam Killer", NULL, BOUNCE_CHALLENGE, "ask", 0 },
	{ IN_TEXT, "spamarrest.com", NULL, BOUNCE_CHALLENGE, "spamarrest",
	    0 },
	{ IN_TEXT, "boxbe.com", NULL, BOUNCE_CHALLENGE, "boxbe", 0 },
	{ IN_SUBJECT_START, "Please confirm your message", NULL, BOUNCE_CHALLENGE,
	    "challenge", 0 },
	{ IN_SUBJECT_START, "Please confirm your e-mail", NULL, BOUNCE_CHALLENGE,
	    "challenge", 0 },
	{ IN_TEXT, "verify that you are a real person", NULL,
	    BOUNCE_CHALLENGE, "challenge", 0 },
	{ IN_TEXT, "only from senders I have approved", NULL,
	    BOUNCE_CHALLENGE, "challenge", 0 },
	/* Spam filters' notices: held or marked, not refused. */
	{ IN_TEXT, "has been quarantined", NULL, BOUNCE_SPAMFILTER,
	    "filter", 0 },
	{ IN_TEXT, "was quarantined", NULL, BOUNCE_SPAMFILTER, "filter", 0 },
	{ IN_SUBJECT_START, "quarantine", NULL, BOUNCE_SPAMFILTER, "filter", 0 },
	{ IN_TEXT, "identified as spam", NULL, BOUNCE_SPAMFILTER, "filter",
	    1 },
	{ IN_TEXT, "classified as spam", NULL, BOUNCE_SPAMFILTER, "filter",
	    1 },
	/* Auto-replies (the marks of common programs; RFC 3834's below). */
	{ IN_FIELD, "X-Autoreply", "", BOUNCE_AUTOREPLY, "autoreply", 0 },
	{ IN_FIELD, "X-Autorespond", "", BOUNCE_AUTOREPLY, "autoreply", 0 },
	{ IN_FIELD, "Precedence", "auto_reply", BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "Out of Office", NULL, BOUNCE_AUTOREPLY, "autoreply",
	    0 },
	{ IN_SUBJECT_START, "Automatic reply", NULL, BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "Auto reply", NULL, BOUNCE_AUTOREPLY, "autoreply", 0 },
	{ IN_SUBJECT_START, "Autoreply", NULL, BOUNCE_AUTOREPLY, "autoreply", 0 },
	{ IN_SUBJECT_START, "Auto-reply", NULL, BOUNCE_AUTOREPLY, "autoreply", 0 },
	{ IN_SUBJECT_START, "AutoRespons", NULL, BOUNCE_AUTOREPLY, "autoreply",
	    0 },
	{ IN_SUBJECT_START, "Abwesenheitsnotiz", NULL, BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "R\xc3\xa9ponse automatique", NULL, BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "Risposta automatica", NULL, BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "Respuesta autom\xc3\xa1tica", NULL, BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
	{ IN_SUBJECT_START, "vacation", NULL, BOUNCE_AUTOREPLY, "autoreply", 0 },
	/* Words any notice may use: only from a mailer daemon. */
	{ IN_TEXT, "permanent error", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "permanent fatal error", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "could not be delivered", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "couldn't be delivered", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "was not delivered", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "Address not found", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "undeliverable", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "delivery failed", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_TEXT, "was automatically rejected", NULL, BOUNCE_HARD, "notice",
	    1 },
	{ IN_TEXT, "We had trouble delivering your message", NULL,
	    BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "Undeliverable", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "Undelivered Mail", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "Returned mail", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "failure notice", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "Mail delivery failed", NULL, BOUNCE_HARD, "notice",
	    1 },
	{ IN_SUBJECT, "Delivery failure", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "failure delivery", NULL, BOUNCE_HARD, "notice", 1 },
	{ IN_SUBJECT, "Delivery Status Notification (Failure)", NULL,
	    BOUNCE_HARD, "notice", 1 },
	/* Last, as many bounces carry it too, against RFC 3834's advice. */
	{ IN_FIELD, "Auto-Submitted", "auto-replied", BOUNCE_AUTOREPLY,
	    "autoreply", 0 },
};

/*
 * Where a notice ends and the copy of the message begins, in the words
 * of the servers that write them.
 */
static const char *const copy_starts[] = {
	"This is a copy of the message",
	"This is a copy of your message",
	"--- Below this line is a copy of the message",
	"----- Original message -----",
	"----- Original Message -----",
	"Original message headers:",
	"----- Unsent message follows -----",
	"--- Original message follows",
	"------ The body of the message is",
	"--- The header of the original message is following",
	"Below is a copy of the original message",
	"Message headers follow.",
};

/* find_ci - first occurrence of needle in hay[0..len), any case; NULL */
static const char *
find_ci(const char *hay, size_t len, const char *needle)
{
	size_t	n = strlen(needle);

	for (size_t i = 0; n > 0 && i + n <= len; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return (hay + i);
	return (NULL);
}

/* notice_len - the length of the notice: the text before the copy */
static size_t
notice_len(const char *t, size_t len)
{
	size_t		 end = len;
	const char	*p;

	for (size_t i = 0; i < nitems(copy_starts); i++)
		if ((p = find_ci(t, end, copy_starts[i])) != NULL)
			end = (size_t)(p - t);
	return (end);
}

/* field_matches - m has the field, and its value begins with value */
static int
field_matches(const struct mail *m, const char *name, const char *value)
{
	const struct hdr_field	*f;
	const char		*v;
	size_t			 n, vl = strlen(value);

	for (size_t i = 0; i < 20 && (f = mail_field(m, name, i)) != NULL;
	    i++) {
		v = f->value;
		n = f->value_len;
		while (n > 0 && isspace((unsigned char)*v)) {
			v++;
			n--;
		}
		if (n >= vl && strncasecmp(v, value, vl) == 0)
			return (1);
	}
	return (0);
}

/* mark_matches - row r says what m is */
static int
mark_matches(const struct mark *r, const struct mail *m, const char *t,
    size_t nlen, int automated)
{
	if (r->daemon && !automated)
		return (0);
	switch (r->where) {
	case IN_TEXT:
		return (find_ci(t, nlen, r->what) != NULL);
	case IN_SUBJECT:
		return (m->subject != NULL && find_ci(m->subject,
		    strlen(m->subject), r->what) != NULL);
	case IN_SUBJECT_START:
		return (m->subject != NULL && strncasecmp(m->subject +
		    strspn(m->subject, " \t"), r->what, strlen(r->what)) == 0);
	case IN_FIELD:
		return (field_matches(m, r->what, r->value));
	}
	return (0);
}

/*
 * Addresses inside a line, after words that say what follows: Exchange
 * writes "Name<mailto:a@b>", its X.400 gateways "dda:SMTP=a@b;", PMDF
 * "Recipient address: a@b", DragonFly "error delivering your mail to
 * <a@b>."; end '\0' is the end of the line.
 */
static const struct addr_after {
	const char	*prefix;
	char		 end;
} addr_afters[] = {
	{ "<mailto:", '>' },
	{ "dda:SMTP=", ';' },
	{ "Recipient address:", '\0' },
	{ "error delivering your mail to <", '>' },
};

/* after_addr - an address after one of addr_afters, or NULL */
static const char *
after_addr(const char *l, size_t n, size_t *alen)
{
	const char	*p, *e;

	for (size_t i = 0; i < nitems(addr_afters); i++) {
		if ((p = find_ci(l, n, addr_afters[i].prefix)) == NULL)
			continue;
		p += strlen(addr_afters[i].prefix);
		if (addr_afters[i].end == '\0')
			e = l + n;
		else if ((e = memchr(p, addr_afters[i].end,
		    n - (size_t)(p - l))) == NULL)
			continue;
		*alen = (size_t)(e - p);
		return (p);
	}
	return (NULL);
}

/*
 * line_addr - an address that stands alone at the start of a line, as
 * every form lists the failed ones: "  a@b", "<a@b>:", "<a@b>: host
 * said ...", "<a@b>... User unknown".  An address inside a sentence (the
 * sender's, in "MAIL FROM:<...>") is not one of them.
 */
static const char *
line_addr(const char *l, size_t n, size_t *alen)
{
	const char	*a, *e = l + n;
	int		 br;

	while (l < e && isspace((unsigned char)*l))
		l++;
	if ((br = l < e && *l == '<'))
		l++;
	for (a = l; l < e && !isspace((unsigned char)*l) &&
	    strchr("<>:;,()\"", *l) == NULL; l++)
		;
	*alen = (size_t)(l - a);
	if (*alen == 0 || memchr(a, '@', *alen) == NULL)
		return (NULL);
	if (br && (l >= e || *l++ != '>'))
		return (NULL);
	while (l < e && (*l == ' ' || *l == '\t' || *l == '\r'))
		l++;
	if (l == e || *l == ':' || (e - l >= 3 && strncmp(l, "...", 3) == 0))
		return (a);
	return (NULL);
}

/* notice_rcpts - the failed addresses a notice lists */
static void
notice_rcpts(struct bounce *b, const char *t, size_t len, const char *st,
    enum bounce_class cls)
{
	const char	*end = t + len, *nl, *a;
	size_t		 lines = 0, alen;

	for (; t < end && lines < FORM_LINES_MAX; t = nl + 1, lines++) {
		if ((nl = memchr(t, '\n', (size_t)(end - t))) == NULL)
			nl = end;
		if ((a = after_addr(t, (size_t)(nl - t), &alen)) != NULL ||
		    (a = line_addr(t, (size_t)(nl - t), &alen)) != NULL)
			bounce_add_rcpt(b, a, alen, st, cls);
		if (nl == end)
			break;
	}
}

/* bounce_forms_read - see bounce_int.h */
int
bounce_forms_read(const struct mail *m, const char *t, size_t len,
    const char *field, struct bounce *b)
{
	const struct mark	*r = NULL;
	char			 st[BOUNCE_STATUS_MAX];
	size_t			 nlen;
	int			 automated;

	if (t == NULL)
		t = "", len = 0;
	nlen = notice_len(t, len);
	automated = mail_automated(m, NULL) != MAIL_BY_PERSON;
	for (size_t i = 0; i < nitems(marks) && r == NULL; i++)
		if (mark_matches(&marks[i], m, t, nlen, automated))
			r = &marks[i];
	bounce_quoted_fields(t + nlen, len - nlen, field, b);
	if (r == NULL)
		return (0);
	b->form = r->form;
	b->cls = r->cls;
	if (r->cls != BOUNCE_HARD && r->cls != BOUNCE_SOFT)
		return (1);
	(void)bounce_status_scan(t, nlen, st);
	memcpy(b->status, st, sizeof(st));
	notice_rcpts(b, t, nlen, st, r->cls);
	return (1);
}
