/*
 * golden - the trace of one message through route, policy and rewrite
 *
 * usage: golden -c moot.conf -l lists.conf [-e case.env] message.eml
 *
 * Built for tests/golden.sh, which diffs its output with a .want file,
 * as Postfix diffs mime_state's output with mime_garb1.ref.  It follows
 * a message the way moot-milter and mootd do, without a database:
 *
 *	envelope	the sender and recipient, from case.env
 *	route		what the recipient means (listaddr_route)
 *	list		the list it names, from lists.conf
 *	mail		the facts mail_parse() reads
 *	policy		for a post: the verdict of policy_post(), with the
 *			membership of the From: address as mootd looks it up
 *	rewrite		for an accepted post: the header section of the
 *			members' copy (rewrite_post), footer and all
 *	command		for LIST-request: the commands read from it
 *
 * lists.conf stands in for the list and member tables: a [name] section
 * per list, with the keys of list_keys[] below.  case.env holds
 * "sender = ADDR" ("<>" for the null sender) and "rcpt = ADDR"; without
 * it, or without a key, the sender is amira@one.example and the
 * recipient info@lists.example.org.
 *
 * MOOT_NOW must be set, so that every time in the trace (the post's
 * arrival, a Date: or Message-ID: that moot adds) is the same each run.
 * The boundary rewrite_post() draws at random is printed as
 * "=_moot_RANDOM".  Text from the message is escaped with vis_append();
 * header lines keep their tabs.  Exit 0 with a trace, 2 on a usage or
 * setup error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "list/command.h"
#include "global/conf.h"
#include "db/db_list.h"
#include "mail/mail.h"
#include "list/policy.h"
#include "mootd/rewrite.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define LISTS_MAX	16
#define DEF_SENDER	"amira@one.example"
#define DEF_RCPT	"info@lists.example.org"

/* A list of lists.conf: the record mootd would load, and its members. */
struct glist {
	struct list	 l;
	char		*members;	/* owned; addresses, blank-separated */
};

struct lists {
	struct glist	 v[LISTS_MAX];
	size_t		 n;
	char		 err[256];
};

enum key_type {
	K_TEXT,			/* a string, owned by the list */
	K_BOOL,			/* yes or no */
	K_SIZE,			/* 512, 64k, 10M (conf_parse_size) */
	K_INT,
	K_TIME,			/* RFC 3339 */
};

static const struct list_key {
	const char	*name;
	enum key_type	 type;
	size_t		 off;		/* in struct glist */
	const char	*choices;	/* K_TEXT: "a|b", or NULL for any */
} list_keys[] = {
#define O(f)	offsetof(struct glist, f)
	{ "description", K_TEXT, O(l.description), NULL },
	{ "moderated", K_BOOL, O(l.moderated), NULL },
	{ "members_only", K_BOOL, O(l.members_only), NULL },
	{ "nonmember", K_TEXT, O(l.nonmember), "hold|reject" },
	{ "automated", K_TEXT, O(l.automated), "hold|drop" },
	{ "subject_prefix", K_TEXT, O(l.subject_prefix), NULL },
	{ "language", K_TEXT, O(l.language), NULL },
	{ "max_bytes", K_SIZE, O(l.max_bytes), NULL },
	{ "hold_bytes", K_SIZE, O(l.hold_bytes), NULL },
	{ "max_recipients", K_INT, O(l.max_recipients), NULL },
	{ "ends_at", K_TIME, O(l.ends_at), NULL },
	{ "bulk", K_BOOL, O(l.bulk), NULL },
	{ "members", K_TEXT, O(members), NULL },
#undef O
};

struct envelope {
	char	*sender;		/* owned; "" for <> */
	char	*rcpt;			/* owned */
	char	 err[256];
};

static const char *const kind_word[] = {
	[VERDICT_ACCEPT] = "accept",
	[VERDICT_HOLD] = "hold",
	[VERDICT_REJECT] = "reject",
	[VERDICT_DISCARD] = "discard",
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: golden -c moot.conf -l lists.conf "
	    "[-e case.env] message.eml\n");
	exit(2);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
fatalx(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "golden: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

/* in_choices - v is one of the words of "a|b|c" */
static int
in_choices(const char *choices, const char *v)
{
	size_t	n = strlen(v);

	while (*choices != '\0') {
		size_t	l = strcspn(choices, "|");

		if (l == n && strncmp(choices, v, n) == 0)
			return (1);
		choices += l + (choices[l] == '|');
	}
	return (0);
}

/* set_key - one key of a list; -1 with the reason in ls->err */
static int
set_key(struct lists *ls, struct glist *g, const struct list_key *k,
    const char *v)
{
	char	*field = (char *)g + k->off;
	int64_t	 n;
	time_t	 t;
	char	*end;

	switch (k->type) {
	case K_TEXT:
		if (k->choices != NULL && !in_choices(k->choices, v)) {
			(void)snprintf(ls->err, sizeof(ls->err), "%s: not one "
			    "of %s", k->name, k->choices);
			return (-1);
		}
		free(*(char **)field);
		*(char **)field = xstrdup(v);
		return (0);
	case K_BOOL:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			(void)snprintf(ls->err, sizeof(ls->err), "%s: yes or "
			    "no", k->name);
			return (-1);
		}
		*(int *)field = strcmp(v, "yes") == 0;
		return (0);
	case K_SIZE:
		if ((n = conf_parse_size(v)) < 0) {
			(void)snprintf(ls->err, sizeof(ls->err), "%s: not a "
			    "size", k->name);
			return (-1);
		}
		*(int64_t *)field = n;
		return (0);
	case K_INT:
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || n < 0) {
			(void)snprintf(ls->err, sizeof(ls->err), "%s: not a "
			    "number", k->name);
			return (-1);
		}
		*(int64_t *)field = n;
		return (0);
	case K_TIME:
		if (clock_parse_rfc3339(v, &t) == -1) {
			(void)snprintf(ls->err, sizeof(ls->err), "%s: not an "
			    "RFC 3339 time", k->name);
			return (-1);
		}
		*(int64_t *)field = (int64_t)t;
		return (0);
	}
	return (-1);
}

/* list_handler - libinih's callback for lists.conf; 0 stops it */
static int
list_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct lists	*ls = arg;
	struct glist	*g = NULL;
	struct vbuf	 why;
	size_t		 i;

	for (i = 0; i < ls->n; i++)
		if (strcmp(ls->v[i].l.name, section) == 0)
			g = &ls->v[i];
	if (g == NULL) {
		vbuf_init(&why, 256);
		if (listaddr_name_check(section, &why) == -1) {
			(void)snprintf(ls->err, sizeof(ls->err), "[%s]: %s",
			    section, vbuf_str(&why));
			vbuf_release(&why);
			return (0);
		}
		vbuf_release(&why);
		if (ls->n == LISTS_MAX) {
			(void)snprintf(ls->err, sizeof(ls->err), "more than "
			    "%d lists", LISTS_MAX);
			return (0);
		}
		g = &ls->v[ls->n++];
		g->l.id = (int64_t)ls->n;
		g->l.name = xstrdup(section);
		g->l.description = xstrdup("");
	}
	for (i = 0; i < nitems(list_keys); i++)
		if (strcmp(list_keys[i].name, name) == 0)
			return (set_key(ls, g, &list_keys[i], value) == 0);
	(void)snprintf(ls->err, sizeof(ls->err), "[%s] %s: unknown key",
	    section, name);
	return (0);
}

/* lists_load - lists.conf into ls; exits on a mistake */
static void
lists_load(struct lists *ls, const char *path)
{
	int	line;

	memset(ls, 0, sizeof(*ls));
	if ((line = ini_parse(path, list_handler, ls)) != 0)
		fatalx("%s:%d: %s", path, line, line < 0 ? "cannot read it" :
		    ls->err[0] != '\0' ? ls->err : "not a [list] or key = "
		    "value line");
}

static void
lists_free(struct lists *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		struct glist	*g = &ls->v[i];

		free(g->l.name);
		free(g->l.description);
		free(g->l.nonmember);
		free(g->l.automated);
		free(g->l.subject_prefix);
		free(g->l.language);
		free(g->members);
	}
}

static struct glist *
lists_find(struct lists *ls, const char *name)
{
	for (size_t i = 0; i < ls->n; i++)
		if (strcmp(ls->v[i].l.name, name) == 0)
			return (&ls->v[i]);
	return (NULL);
}

/* is_member - addr (canonical) is one of g's members */
static int
is_member(const struct glist *g, const char *addr)
{
	const char	*p = g->members != NULL ? g->members : "";
	size_t		 n = strlen(addr);

	while (*p != '\0') {
		size_t	l;

		p += strspn(p, " \t,");
		l = strcspn(p, " \t,");
		if (l == n && strncasecmp(p, addr, n) == 0)
			return (1);
		p += l;
	}
	return (0);
}

/* env_handler - libinih's callback for case.env */
static int
env_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct envelope	*e = arg;
	char		**field;

	if (*section != '\0') {
		(void)snprintf(e->err, sizeof(e->err), "[%s]: no sections "
		    "here", section);
		return (0);
	}
	if (strcmp(name, "sender") == 0)
		field = &e->sender;
	else if (strcmp(name, "rcpt") == 0)
		field = &e->rcpt;
	else {
		(void)snprintf(e->err, sizeof(e->err), "%s: unknown key",
		    name);
		return (0);
	}
	free(*field);
	*field = xstrdup(strcmp(value, "<>") == 0 ? "" : value);
	return (1);
}

/* env_load - case.env, or the defaults; exits on a mistake */
static void
env_load(struct envelope *e, const char *path)
{
	int	line;

	memset(e, 0, sizeof(*e));
	if (path != NULL && (line = ini_parse(path, env_handler, e)) != 0)
		fatalx("%s:%d: %s", path, line, line < 0 ? "cannot read it" :
		    e->err[0] != '\0' ? e->err : "not a key = value line");
	if (e->sender == NULL)
		e->sender = xstrdup(DEF_SENDER);
	if (e->rcpt == NULL)
		e->rcpt = xstrdup(DEF_RCPT);
}

/* read_file - all of path into b; exits if it cannot */
static void
read_file(const char *path, struct vbuf *b)
{
	char	 chunk[65536];
	size_t	 n;
	FILE	*f;

	if ((f = fopen(path, "rb")) == NULL)
		fatalx("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vbuf_cat(b, chunk, n);
	if (ferror(f) || vbuf_err(b))
		fatalx("cannot read %s", path);
	fclose(f);
}

/* say - "label: " and the text, escaped, on a line */
static void
say(const char *label, const char *text)
{
	struct vbuf	v;

	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, text);
	printf("%s: %s\n", label, vbuf_str(&v));
	vbuf_release(&v);
}

/* print_line - one header line: escaped, but its tabs kept */
static void
print_line(const char *s, size_t n)
{
	struct vbuf	 v;
	char		*one = xstrndup(s, n), *p = one, *tab;

	vbuf_init(&v, VBUF_NOMAX);
	while ((tab = strchr(p, '\t')) != NULL) {
		*tab = '\0';
		vis_append(&v, p);
		vbuf_putc(&v, '\t');
		p = tab + 1;
	}
	vis_append(&v, p);
	printf("  %s\n", vbuf_str(&v));
	vbuf_release(&v);
	free(one);
}

/* unrandom - the boundary rewrite_post drew, as =_moot_RANDOM */
static void
unrandom(char *s)
{
	char	*p = s;

	while ((p = strstr(p, "=_moot_")) != NULL) {
		size_t	hex = strspn(p + 7, "0123456789abcdef");

		if (hex == 24) {
			memcpy(p + 7, "RANDOM", 6);
			memmove(p + 13, p + 31, strlen(p + 31) + 1);
		}
		p += 7;
	}
}

/* print_headers - the header section of out, line by line; at split
 * (never, for (size_t)-1) the place of each member's own field */
static void
print_headers(const struct vbuf *out, size_t split)
{
	const char	*end = strstr(vbuf_str(out), "\r\n\r\n");
	const char	*p = out->data, *stop, *nl;

	stop = end != NULL ? end + 2 : out->data + out->len;
	while (p < stop) {
		char	*line;

		if ((size_t)(p - out->data) == split)
			printf("  [List-Unsubscribe: each member's own]\n");
		if ((nl = strstr(p, "\r\n")) == NULL || nl > stop)
			nl = stop;
		line = xstrndup(p, (size_t)(nl - p));
		unrandom(line);
		print_line(line, strlen(line));
		free(line);
		p = nl + 2;
	}
}

/* members_copy - the rewrite of an accepted post, as fanout builds it */
static void
members_copy(const struct conf *c, const struct glist *g,
    const struct mail *m, time_t now)
{
	const struct list	*l = &g->l;
	struct rewrite_in	 in;
	struct tmpl_out		 foot;
	struct vbuf		 out, why;
	char			 msgid[128];
	size_t			 split = 0;

	vbuf_init(&out, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	tmpl_out_init(&foot);
	if (rewrite_footer(c, l, &foot, &why) == -1) {
		say("rewrite: footer left out", vbuf_str(&why));
		vbuf_reset(&foot.body);
	} else
		printf("rewrite: footer from %s/footer\n", foot.lang);
	/* The spool id of the one post here is 1. */
	(void)snprintf(msgid, sizeof(msgid), "moot.1.%lld@%s",
	    (long long)now, c->domain);
	memset(&in, 0, sizeof(in));
	in.conf = c;
	in.list = l;
	in.mail = m;
	in.footer = vbuf_str(&foot.body);
	in.msgid = msgid;
	in.date = now;
	in.unsubscribe_at = l->bulk ? NULL : &split;
	vbuf_reset(&why);
	if (rewrite_post(&in, &out, &why) == -1)
		say("rewrite: failed", vbuf_str(&why));
	else {
		printf("rewrite: the members' header section\n");
		print_headers(&out, l->bulk ? (size_t)-1 : split);
	}
	vbuf_release(&out);
	vbuf_release(&why);
	tmpl_out_release(&foot);
}

/* facts - what mail_parse read */
static void
facts(const struct mail *m)
{
	say("mail: from", m->from_addr != NULL ? m->from_addr : "(none)");
	say("mail: subject", m->subject != NULL ? m->subject : "(none)");
	say("mail: message-id", m->msgid != NULL ? m->msgid : "(none)");
	printf("mail: received %d, recipients %d, auto-submitted %s, "
	    "bulk %s, 8-bit %s\n", m->received, m->recipients,
	    m->auto_submitted ? "yes" : "no", m->bulk ? "yes" : "no",
	    m->eightbit ? "yes" : "no");
	printf("mail: mime %s%s, parts %d, depth %d, approvals %zu\n",
	    m->multipart ? "multipart/" : "", m->subtype != NULL ?
	    m->subtype : "(none)", m->mime_parts, m->mime_depth,
	    m->napprovals);
}

/* post - membership, the verdict, and the copy if it is accepted */
static void
post(const struct conf *c, const struct glist *g, const struct mail *m,
    const struct envelope *e, int64_t size, time_t now)
{
	struct post_facts	pf;
	struct verdict		v;
	struct vbuf		why;

	memset(&pf, 0, sizeof(pf));
	pf.env_from = e->sender;
	pf.size = size;
	pf.now = now;
	/* As mootd's route.c: without a From, the envelope sender. */
	pf.is_member = is_member(g, m->from_addr != NULL ? m->from_addr :
	    e->sender);
	printf("member: %s\n", pf.is_member ? "yes" : "no");
	policy_post(c, &g->l, m, &pf, &v);
	printf("policy: %s\n", kind_word[v.kind]);
	vbuf_init(&why, VBUF_NOMAX);
	policy_reason_words(&v, &why);
	say("policy: reason", why.len > 0 ? vbuf_str(&why) : "(none)");
	vbuf_release(&why);
	printf("policy: automated %s, tell poster %s\n", v.automated ? "yes" :
	    "no", v.tell_poster ? "yes" : "no");
	if (v.kind == VERDICT_ACCEPT)
		members_copy(c, g, m, now);
}

/* request - the commands of a message to LIST-request */
static void
request(const struct conf *c, const struct mail *m)
{
	struct command_read	r;
	struct vbuf		v;

	command_read(c, m, &r);
	printf("command: %zu read, %zu past the limit, language %s\n", r.n,
	    r.more, r.lang[0] != '\0' ? r.lang : "en");
	vbuf_init(&v, VBUF_NOMAX);
	for (size_t i = 0; i < r.n; i++) {
		const struct command *k = &r.cmd[i];

		vbuf_reset(&v);
		vbuf_puts(&v, k->line);
		if (k->kind == CMD_CONFIRM && k->arg[0] != '\0')
			vbuf_printf(&v, " (token %s)", k->arg);
		if (k->bad)
			vbuf_puts(&v, " (nothing to set)");
		if (k->arg_too_long)
			vbuf_puts(&v, " (address too long)");
		say("command", vbuf_str(&v));
	}
	vbuf_release(&v);
}

int
main(int argc, char **argv)
{
	const char		*conf_path = NULL, *lists_path = NULL;
	const char		*env_path = NULL, *now_env;
	struct conf		 c;
	struct lists		 ls;
	struct envelope		 e;
	struct glist		*g;
	struct listaddr		 r;
	struct mail		 m;
	struct vbuf		 raw, canon, why;
	time_t			 now;
	int			 ch;

	while ((ch = getopt(argc, argv, "c:e:l:")) != -1) {
		switch (ch) {
		case 'c':
			conf_path = optarg;
			break;
		case 'e':
			env_path = optarg;
			break;
		case 'l':
			lists_path = optarg;
			break;
		default:
			usage();
		}
	}
	if (conf_path == NULL || lists_path == NULL || argc - optind != 1)
		usage();
	if ((now_env = getenv("MOOT_NOW")) == NULL || *now_env == '\0')
		fatalx("MOOT_NOW is not set: the trace would change each run");

	vbuf_init(&why, 1024);
	if (conf_load(&c, conf_path, &why) == -1)
		fatalx("%s", vbuf_str(&why));
	if (clock_init(c.timezone, &why) == -1)
		fatalx("%s", vbuf_str(&why));
	now = clock_now();
	lists_load(&ls, lists_path);
	env_load(&e, env_path);
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	read_file(argv[optind], &raw);
	memset(&m, 0, sizeof(m));

	printf("envelope: from <%s> to <%s>, %zu bytes\n", e.sender, e.rcpt,
	    raw.len);
	switch (listaddr_route(&c, e.rcpt, &r)) {
	case LISTADDR_FOREIGN:
		printf("route: foreign: not an address of %s\n", c.domain);
		goto out;
	case LISTADDR_BAD:
		printf("route: bad: no address of %s has this form\n",
		    c.domain);
		goto out;
	case LISTADDR_OK:
		printf("route: list %s, kind %s%s%s\n", r.list,
		    listaddr_kind_name(r.kind), r.token[0] != '\0' ? ", token " :
		    "", r.token);
		break;
	}
	if ((g = lists_find(&ls, r.list)) == NULL) {
		printf("list: none is called %s\n", r.list);
		goto out;
	}
	printf("list: %s, moderated %s, members only %s, bulk %s\n",
	    g->l.name, g->l.moderated ? "yes" : "no", g->l.members_only ?
	    "yes" : "no", g->l.bulk ? "yes" : "no");
	vbuf_reset(&why);
	if (mail_canon(&canon, raw.data, raw.len) == -1 ||
	    mail_parse(&m, canon.data, canon.len, &c.lim, &why) == -1) {
		say("mail: refused", vbuf_str(&why));
		goto out;
	}
	facts(&m);
	switch (r.kind) {
	case AK_POST:
		post(&c, g, &m, &e, (int64_t)raw.len, now);
		break;
	case AK_REQUEST:
		request(&c, &m);
		break;
	default:
		printf("kind %s: not a post, so no policy\n",
		    listaddr_kind_name(r.kind));
		break;
	}
out:
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
	free(e.sender);
	free(e.rcpt);
	lists_free(&ls);
	conf_free(&c);
	return (fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2);
}
