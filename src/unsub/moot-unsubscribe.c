/*
 * moot-unsubscribe.c - the one-click link of List-Unsubscribe (RFC 8058),
 * run as CGI by the site's own web server
 *
 * A GET shows a page with a button and changes nothing: link scanners
 * and previews follow GETs.  A POST whose body is
 * List-Unsubscribe=One-Click leaves at once, through list/leave.c, the
 * same check and the same leaving as mail to LIST-leave+TOKEN; mootd,
 * woken, sends the goodbye.  Every token that does not work gets one
 * answer, whatever the reason (no oracle).  It logs to syslog, never a
 * token or an address.  The configuration: -c FILE, else MOOT_CONF.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "list/leave.h"
#include "util/log.h"
#include "util/priv.h"
#include "global/token.h"
#include "unsub/unsub_page.h"
#include "unsub/unsub_req.h"
#include "util/vbuf.h"
#include "global/wake.h"
#include "util/sys_defs.h"

/* What each outcome of leave_by_link() shows. */
static const enum unsub_page outcome[] = {
	[LEAVE_LINK_GOOD] = UNSUB_PAGE_ASK,
	[LEAVE_LINK_LEFT] = UNSUB_PAGE_LEFT,
	[LEAVE_LINK_REFUSED] = UNSUB_PAGE_REFUSED,
	[LEAVE_LINK_TROUBLE] = UNSUB_PAGE_TROUBLE,
};

/* What each flaw of a request shows. */
static const enum unsub_page flawed[] = {
	[UNSUB_ARGS] = UNSUB_PAGE_REFUSED,	/* a link cut short: as a
						 * token that does not work */
	[UNSUB_BODY] = UNSUB_PAGE_BAD,
	[UNSUB_METHOD] = UNSUB_PAGE_METHOD,
};

/* What each flaw is called in the log. */
static const char *const flaw_name[] = {
	[UNSUB_ARGS] = "no list or token",
	[UNSUB_BODY] = "a POST without List-Unsubscribe=One-Click",
	[UNSUB_METHOD] = "a method other than GET, HEAD or POST",
};

/* setup - the configuration, the key and the database; -1 (logged) */
static int
setup(const char *path, struct conf *conf, struct db **db)
{
	struct vbuf	err;
	int		rc = -1;

	vbuf_init(&err, 4096);
	if (path == NULL)
		vbuf_puts(&err, "no configuration: give -c FILE or set "
		    "MOOT_CONF");
	else if (conf_load(conf, path, &err) == 0) {
		/* As root (a web server's CGI as root), act as moot's user. */
		if (clock_init(conf->timezone, &err) == -1 ||
		    (geteuid() == 0 && conf->user != NULL &&
		    priv_drop(conf->user, &err) == -1) ||
		    token_load_key(conf->secret, &err) == -1 ||
		    db_open(db, conf->database, 0, &err) != DB_OK)
			conf_free(conf);
		else {
			db_defer_checkpoints(*db);	/* a browser waits */
			rc = 0;
		}
	}
	if (rc == -1)
		log_warnx("%s", vbuf_str(&err));
	vbuf_release(&err);
	return (rc);
}

/* serve - the request r, fine so far; the page to show (a->lang set) */
static enum unsub_page
serve(const char *path, const struct unsub_req *r, struct unsub_answer *a,
    char **lang)
{
	static struct conf	 conf;
	struct db		*db = NULL;
	struct ctx		 x = { &conf, NULL, NULL };
	enum leave_link		 res;

	if (setup(path, &conf, &db) == -1)
		return (UNSUB_PAGE_TROUBLE);
	a->conf = &conf;
	x.db = db;
	res = leave_by_link(&x, r->list, r->token, r->method == UNSUB_POST,
	    lang);
	a->lang = *lang;
	if (res == LEAVE_LINK_LEFT)
		(void)wake_mootd(&conf);	/* the goodbye waits in the outbox */
	db_close(&db);
	return (outcome[res]);
}

int
main(int argc, char **argv)
{
	struct unsub_req	 r;
	struct unsub_answer	 a = { 0 };
	const char		*path = getenv("MOOT_CONF");
	char			*lang = NULL;
	enum unsub_flaw		 flaw;
	int			 ch;

	log_init("moot-unsubscribe", LOG_TO_SYSLOG);
	while ((ch = getopt(argc, argv, "c:")) != -1) {
		if (ch != 'c') {
			/* The same words as SYNOPSIS in
			 * man/moot-unsubscribe.8. */
			fprintf(stderr, "usage: moot-unsubscribe [-c conf]\n");
			return (1);
		}
		path = optarg;
	}
	flaw = unsub_read(&r, stdin);
	a.html = r.method != UNSUB_POST;
	a.list = r.list;
	a.token = r.token;
	if (flaw != UNSUB_FINE) {
		log_info("refused a request: %s", flaw_name[flaw]);
		a.page = flawed[flaw];
	} else
		a.page = serve(path, &r, &a, &lang);
	/* Neither the name nor the page say more for a token that does
	 * not work: the same answer as for a list that does not exist. */
	if (a.page == UNSUB_PAGE_REFUSED || a.page == UNSUB_PAGE_TROUBLE)
		a.list = NULL;
	if (unsub_page(stdout, &a) == -1)
		log_warn("cannot write the answer");
	free(lang);
	return (0);
}
