/*
 * cli_check.c - moot check: what will surprise the administrator
 *
 * Reads the site as it stands and says, one line each, what will not
 * work the way a list administrator expects: a list nobody owns (its
 * -owner mail goes to [moot] admin, or fails), joins nobody may
 * approve, posts that wait for moderators who do not exist, groups that
 * say members only but let anyone join, requirements that protect
 * nothing, a relay
 * that does not answer, a DNS server that does not answer (every post
 * would go From: the list under --dmarc auto), members whose language has no templates, held
 * posts whose moderators' reply addresses are about to expire, a post
 * size Postfix would refuse on its way out, priorities that are not
 * three or four or that nobody will be asked to review.  Changes nothing.  Exit 0
 * when there is nothing to say, 1 with the findings.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/spawn.h"
#include "util/tcp.h"
#include "util/dns.h"
#include "util/vbuf.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_rota.h"
#include "db/db_priority.h"
#include "db/db_token.h"
#include "gov/gov_priority.h"
#include "util/sys_defs.h"

#define RELAY_PROBE_MS	3000	/* a relay slower than this is down */
#define EXPIRY_WARN	86400	/* tokens that die within a day */
#define CHAIN_MAX	32	/* requires deeper than this: a loop */
#define POSTCONF_PATH	"/usr/sbin/postconf"
#define FOOTER_ROOM	(64 * 1024)	/* a copy's footer, with room */

struct check {
	struct cli	*c;
	const struct list *l;		/* borrowed: the list being read */
	int		 n;		/* findings so far */
	char		**langs;	/* owned: languages said, this list */
	size_t		 nlangs;
	int64_t		 pf_limit;	/* Postfix's message_size_limit;
					 * 0: none, or no Postfix to ask */
};

/* finding - one line of what will surprise */
static void __attribute__((format(printf, 2, 3)))
finding(struct check *k, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	k->n++;
}

/* with_role - how many members of l have one of roles; -1 on trouble */
static int64_t
with_role(struct check *k, const struct list *l, const char *roles)
{
	int64_t	n = 0;

	if (member_count_role(k->c->db, l->id, roles, &n) != DB_OK)
		return (-1);
	return (n);
}

/* check_people - owners, and moderators for a moderated list */
static void
check_people(struct check *k, const struct list *l)
{
	struct rota_set	rs;

	int64_t		owners = with_role(k, l, "owner");

	if (owners == 0 && k->c->conf.admin != NULL)
		finding(k, "%s: no owner: mail to %s-owner goes to [moot] "
		    "admin, %s (moot member add %s ADDR --role owner)",
		    l->name, l->name, k->c->conf.admin, l->name);
	else if (owners == 0)
		finding(k, "%s: no owner, and no [moot] admin: mail to "
		    "%s-owner fails (moot member add %s ADDR --role owner)",
		    l->name, l->name, l->name);
	if (list_joins(l) == JOINS_APPROVE &&
	    with_role(k, l, "owner,organiser") == 0)
		finding(k, "%s: joins wait for approval, and nobody may give "
		    "it (moot member add %s ADDR --role organiser)", l->name,
		    l->name);
	if (!l->moderated)
		return;
	if (rota_set_load(k->c->db, l->id, (int)l->turn_days, &rs) != DB_OK)
		return;
	if (rs.r.n == 0 && with_role(k, l, "moderator,owner") == 0)
		finding(k, "%s: moderated, and nobody moderates it: held posts "
		    "wait for ever (moot member add %s ADDR --role moderator)",
		    l->name, l->name);
	rota_set_free(&rs);
}

/* open_to_joins - anyone who can read mail may join l by mail */
static int
open_to_joins(const struct list *l)
{
	return (list_joins(l) == JOINS_OPEN || list_joins(l) == JOINS_CONFIRM);
}

/* check_joins - members only, and --requires, mean nothing if anyone
 * may join the list at the bottom */
static void
check_joins(struct check *k, const struct list *l)
{
	struct list	*req = NULL, *next;
	int		 depth = 0;

	if (l->members_only && open_to_joins(l) && l->requires_id == 0)
		finding(k, "%s: members-only, yet anyone may join it by mail "
		    "(moot list set %s --joins approve)", l->name, l->name);
	if (list_from_check(l) == FROM_CHECK_AUTHENTICATED &&
	    (k->c->conf.authserv_id == NULL || *k->c->conf.authserv_id ==
	    '\0'))
		finding(k, "%s: --from-check authenticated, and no [milter] "
		    "authserv_id: no post counts as a member's", l->name);
	if (l->requires_id == 0 ||
	    list_load_id(k->c->db, l->requires_id, &req) != DB_OK)
		return;
	while (req->requires_id != 0 && depth++ < CHAIN_MAX &&
	    list_load_id(k->c->db, req->requires_id, &next) == DB_OK) {
		list_free(&req);
		req = next;
	}
	if (open_to_joins(req))
		finding(k, "%s: requires %s, which anyone may join by mail, so "
		    "the requirement keeps nobody out (moot list set %s "
		    "--joins approve)", l->name, req->name, req->name);
	list_free(&req);
}

/* has_templates - the templates folder has lang/ */
static int
has_templates(const struct cli *c, const char *lang)
{
	struct stat	 st;
	struct vbuf	 path;
	int		 yes;

	vbuf_init(&path, VBUF_NOMAX);
	vbuf_printf(&path, "%s/%s", c->conf.templates, lang);
	yes = stat(vbuf_str(&path), &st) == 0 && S_ISDIR(st.st_mode);
	vbuf_release(&path);
	return (yes);
}

/* lang_said - lang was said for this list already; else remember it */
static int
lang_said(struct check *k, const char *lang)
{
	for (size_t i = 0; i < k->nlangs; i++)
		if (strcmp(k->langs[i], lang) == 0)
			return (1);
	k->langs = xreallocarray(k->langs, k->nlangs + 1, sizeof(*k->langs));
	k->langs[k->nlangs++] = xstrdup(lang);
	return (0);
}

/* member_lang - member_each's callback: a language without templates */
static int
member_lang(const struct member *m, void *arg)
{
	struct check	*k = arg;
	const char	*lang = m->language != NULL ? m->language :
			    k->l->language;

	if (lang != NULL && *lang != '\0' && !lang_said(k, lang) &&
	    !has_templates(k->c, lang))
		finding(k, "%s: %s reads %s, which has no templates: notices "
		    "to them are in %s", k->l->name, m->addr, lang,
		    k->c->conf.language);
	return (0);
}

/* check_langs - each language read on l has its templates */
static void
check_langs(struct check *k, const struct list *l)
{
	k->l = l;
	(void)member_each(k->c->db, l->id, member_lang, k);
	for (size_t i = 0; i < k->nlangs; i++)
		free(k->langs[i]);
	free(k->langs);
	k->langs = NULL;
	k->nlangs = 0;
	k->l = NULL;
}

/*
 * postfix_limit - Postfix's message_size_limit, as postconf(1) says it
 * (MAIL_CONFIG chooses the instance, as for Postfix's own commands); 0
 * when there is no limit, no postconf, or no answer.  No shell: the
 * arguments are fixed.
 */
static int64_t
postfix_limit(void)
{
	static char	 arg0[] = "postconf", arg1[] = "-h",
			 arg2[] = "message_size_limit";
	char		*argv[] = { arg0, arg1, arg2, NULL }, *end = NULL;
	struct vbuf	 out;
	long long	 v;
	int		 st;

	vbuf_init(&out, 32);
	st = spawn_read(arg0, SPAWN_PATH_SEARCH, argv, &out, NULL);
	/* Debian's postconf is in /usr/sbin, often not in PATH. */
	if (st == -1 && errno == ENOENT)
		st = spawn_read(POSTCONF_PATH, SPAWN_PATH_EXACT, argv, &out,
		    NULL);
	errno = 0;
	v = st == 0 && !out.err ? strtoll(vbuf_str(&out), &end, 10) : -1;
	if (v < 0 || end == vbuf_str(&out) || (*end != '\n' &&
	    *end != '\0') || errno != 0)
		v = 0;
	vbuf_release(&out);
	return ((int64_t)v);
}

/* check_size - a post of size bytes, with the headers and footer each
 * copy gains, fits through Postfix's message_size_limit; what names
 * the limit (a list's, or moot.conf's) */
static void
check_size(struct check *k, int64_t size, const char *what, const char *fix)
{
	int64_t	room = k->c->conf.lim.header_section_bytes + FOOTER_ROOM;

	if (k->pf_limit == 0 || size + room <= k->pf_limit)
		return;
	finding(k, "%s: %lld, with %lld for the headers and footer each "
	    "copy gains, is not below Postfix's message_size_limit %lld: "
	    "Postfix refuses the largest posts, and a reinjection listener "
	    "with that limit their copies (%s)", what, (long long)size,
	    (long long)room, (long long)k->pf_limit, fix);
}

/* one_list - list_each's callback: every check of one list */
static int
one_list(const struct list *l, void *arg)
{
	struct check	*k = arg;

	check_people(k, l);
	check_joins(k, l);
	check_langs(k, l);
	if (l->max_bytes != 0) {
		struct vbuf	fix;

		vbuf_init(&fix, 256);
		vbuf_printf(&fix, "moot list set %s --max-size", l->name);
		check_size(k, l->max_bytes, l->name, vbuf_str(&fix));
		vbuf_release(&fix);
	}
	return (0);
}

/* expiring - token_held_expiring's callback */
static void
expiring(int64_t post, int64_t at, void *arg)
{
	char	when[32];

	clock_iso((time_t)at, when, sizeof(when));
	finding(arg, "post %lld: held, and its moderators' reply addresses "
	    "expire %s (moot approve %lld, or reject or discard it)",
	    (long long)post, when, (long long)post);
}

/* check_relay - the relay answers */
static void
check_relay(struct check *k)
{
	struct vbuf	why;

	vbuf_init(&why, 256);
	if (tcp_probe(k->c->conf.relay_host, (int)k->c->conf.relay_port,
	    RELAY_PROBE_MS, &why) == -1)
		finding(k, "relay %s port %lld does not answer: %s ([relay] "
		    "host and port)", k->c->conf.relay_host,
		    (long long)k->c->conf.relay_port, vbuf_str(&why));
	vbuf_release(&why);
}

/* check_priorities - three or four current ones, and a strategy list
 * whose owners will be asked to review them */
static int
check_priorities(struct check *k)
{
	struct list	*l = NULL;
	struct vbuf	 w;
	int64_t		 n = 0;
	int		 rc;

	if (priority_count(k->c->db, "current", &n) != DB_OK)
		return (-1);
	if (n == 0)
		return (0);		/* a site that keeps none */
	vbuf_init(&w, 512);
	if ((rc = gov_priority_warning(k->c->db, &w)) == 1)
		finding(k, "priorities: %s (moot priority add, retire)",
		    vbuf_str(&w));
	vbuf_release(&w);
	if (rc == -1)
		return (-1);
	if ((rc = list_load(k->c->db, k->c->conf.strategy_list,
	    &l)) == DB_NOTFOUND)
		finding(k, "priorities: no list is called %s ([gov] "
		    "strategy_list): nobody will be asked to review them",
		    k->c->conf.strategy_list);
	list_free(&l);
	return (rc != DB_OK && rc != DB_NOTFOUND ? -1 : 0);
}

/* dns_any - a TXT record, read or not: the server answered */
static int
dns_any(const char *rec, size_t len, void *arg)
{
	(void)rec;
	(void)len;
	(void)arg;
	return (1);
}

/*
 * check_dns - the DNS server answers: ask for _dmarc of the list domain,
 * as mootd asks for a post's From: domain.  A server that does not
 * answer makes every post under --dmarc auto go From: the list.
 */
static void
check_dns(struct check *k)
{
	const struct conf	*cf = &k->c->conf;
	struct dns_conf		 dc = { cf->dns_server, (int)cf->dns_timeout };
	struct vbuf		 name, why;
	enum dns_status		 st;
	uint32_t		 ttl;

	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&why, 256);
	vbuf_printf(&name, "_dmarc.%s", cf->domain);
	st = dns_txt(&dc, vbuf_str(&name), dns_any, NULL, &ttl, &why);
	if (st == DNS_TIMEOUT || st == DNS_FAIL)
		finding(k, "DNS %s: asking for %s %s: %s; posts to lists with "
		    "--dmarc auto all go From: the list ([dns] server and "
		    "timeout)", cf->dns_server != NULL ? cf->dns_server :
		    "of /etc/resolv.conf", vbuf_str(&name),
		    dns_status_name(st), vbuf_str(&why));
	vbuf_release(&name);
	vbuf_release(&why);
}

/* cmd_check - moot check */
int
cmd_check(struct cli *c, int argc, char **argv)
{
	struct check	k;
	int		rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_check), 0));
	if (argc != 1)
		return (cli_help(cli_command_for(cmd_check), 1));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.pf_limit = postfix_limit();
	check_size(&k, c->conf.lim.message_bytes, "[limits] message_bytes",
	    "lower it, or raise message_size_limit in main.cf");
	if (list_each(c->db, one_list, &k) != DB_OK ||
	    token_held_expiring(c->db, (int64_t)clock_now() + EXPIRY_WARN,
	    expiring, &k) != DB_OK || check_priorities(&k) == -1)
		return (cli_error(CLI_FAIL, "cannot read the site"));
	check_relay(&k);
	check_dns(&k);
	return (k.n == 0 ? CLI_OK : CLI_USAGE);
}
