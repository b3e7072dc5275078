/*
 * moot-milter - the gate inside Postfix or Sendmail
 *
 * See man/moot-milter.8.  Refuses at RCPT what must be refused while the
 * client is still connected (rcpt_rules.c decides), collects what it accepts,
 * and at the end of the message stores it in the spool and commits
 * before the MTA answers 250 (threat A1); then takes the list recipients
 * out of the MTA's own delivery.  Any failure to store is 451: nothing
 * accepted is ever lost.
 *
 * libmilter runs a thread per connection: per-connection state lives in
 * smfi_setpriv(); each thread has its own SQLite connection (a pthread
 * key); the configuration is read-only after start (style A4).
 */
#include <sys/stat.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "db/db.h"
#include "db/db_spool.h"
#include "mail/authres.h"
#include "milter/rcpt_rules.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "mail/mail.h"
#include "util/priv.h"
#include "util/vbuf.h"
#include "global/wake.h"
#include "util/sys_defs.h"

#define MILTER_MAX_LIST_RCPTS	100	/* list addresses in one message */

struct mrcpt {
	char		*arg;		/* owned; as the MTA gave it, for delrcpt */
	struct rcpt_check g;
	int		 loop;		/* carries our X-Loop for this list */
};

struct mmsg {
	char		*sender;	/* owned; canonical; "" for <> */
	char		*auth_user;	/* owned; or NULL */
	int64_t		 size;		/* SIZE= of MAIL FROM, or 0 */
	struct mrcpt	*rcpts;		/* owned */
	size_t		 nrcpts, cap;
	size_t		 nforeign;	/* recipients outside the list domain */
	struct vbuf	 data;		/* header and body as received */
	struct vbuf	 authres;	/* Authentication-Results values */
	struct authres_gate argate;	/* which of them our MTA added */
	size_t		 nar;		/* Authentication-Results seen */
	size_t		 drop[16];	/* forged ones: their nar, to delete */
	size_t		 ndrop, nforged;
	int64_t		 limit;		/* the largest limit of its lists;
					 * the whole message, header included */
	int		 too_big;
};

struct mconn {
	char		*client_addr;	/* owned */
	char		*client_name;	/* owned */
	int		 leadspc;	/* header values keep their space */
	struct mmsg	 m;
};

static struct conf	conf;		/* read-only once smfi_main() runs */
static pthread_key_t	db_key;

/* thread_db - this thread's database connection, opened on first use */
static struct db *
thread_db(void)
{
	struct db	*db = pthread_getspecific(db_key);
	struct vbuf	 err;

	if (db != NULL)
		return (db);
	vbuf_init(&err, 1024);
	if (db_open(&db, conf.database, 0, &err) != DB_OK) {
		log_warnx("%s", vbuf_str(&err));
		db = NULL;
	} else if (pthread_setspecific(db_key, db) != 0) {
		log_warnx("pthread_setspecific failed");
		db_close(&db);
	} else
		db_defer_checkpoints(db);	/* the MTA waits on us */
	vbuf_release(&err);
	return (db);
}

static void
thread_db_close(void *p)
{
	struct db	*db = p;

	db_close(&db);
}

/* msg_reset - forget the message, keep the connection */
static void
msg_reset(struct mmsg *m)
{
	for (size_t i = 0; i < m->nrcpts; i++)
		free(m->rcpts[i].arg);
	free(m->rcpts);
	free(m->sender);
	free(m->auth_user);
	vbuf_release(&m->data);
	vbuf_release(&m->authres);
	memset(m, 0, sizeof(*m));
	vbuf_init(&m->data, VBUF_NOMAX);
	vbuf_init(&m->authres, 64 * 1024);
}

/* reply - hand a gate reply to the MTA; '%' must be doubled for it */
static sfsistat
reply(SMFICTX *ctx, const struct rcpt_reply *r)
{
	char	text[sizeof(r->text) * 2];
	size_t	i, j = 0;

	for (i = 0; r->text[i] != '\0' && j + 2 < sizeof(text); i++) {
		if (r->text[i] == '%')
			text[j++] = '%';
		text[j++] = r->text[i];
	}
	text[j] = '\0';
	(void)smfi_setreply(ctx, (char *)r->code, (char *)r->dsn, text);
	return (r->action == RCPT_TEMPFAIL ? SMFIS_TEMPFAIL : SMFIS_REJECT);
}

/* qid - the MTA's queue id, or NOQUEUE before it has one */
static const char *
qid(SMFICTX *ctx)
{
	const char	*id = smfi_getsymval(ctx, "i");

	return (id != NULL && *id != '\0' ? id : "NOQUEUE");
}

static sfsistat
cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	struct mconn	*mc = smfi_getpriv(ctx);

	(void)f2;
	(void)f3;
	if (!(f0 & SMFIF_DELRCPT)) {
		log_warnx("the MTA does not let milters delete recipients");
		return (SMFIS_REJECT);
	}
	*pf0 = SMFIF_DELRCPT | (f0 & SMFIF_CHGHDRS);
	/* We want everything but HELO, unknown commands and DATA; with
	 * HDR_LEADSPC header values come with their leading space, so the
	 * stored message is what the client sent. */
	*pf1 = (f1 & (SMFIP_HDR_LEADSPC | SMFIP_NOHELO | SMFIP_NOUNKNOWN |
	    SMFIP_NODATA));
	*pf2 = *pf3 = 0;
	if (mc == NULL) {
		mc = xcalloc(1, sizeof(*mc));
		msg_reset(&mc->m);
		(void)smfi_setpriv(ctx, mc);
	}
	mc->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *sa)
{
	struct mconn	*mc = smfi_getpriv(ctx);
	char		 addr[INET6_ADDRSTRLEN] = "";

	if (mc == NULL) {
		mc = xcalloc(1, sizeof(*mc));
		msg_reset(&mc->m);
		(void)smfi_setpriv(ctx, mc);
	}
	if (sa != NULL && sa->sa_family == AF_INET)
		(void)inet_ntop(AF_INET, &((struct sockaddr_in *)sa)->sin_addr,
		    addr, sizeof(addr));
	else if (sa != NULL && sa->sa_family == AF_INET6)
		(void)inet_ntop(AF_INET6,
		    &((struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof(addr));
	free(mc->client_addr);
	free(mc->client_name);
	mc->client_addr = xstrdup(addr);
	mc->client_name = xstrdup(host != NULL ? host : "");
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct mconn	*mc = smfi_getpriv(ctx);
	char		 a[ADDR_MAX + 1];
	const char	*auth;

	if (mc == NULL)
		return (SMFIS_TEMPFAIL);
	msg_reset(&mc->m);
	if (argv[0] == NULL || addr_unbracket(argv[0], a, sizeof(a)) == -1)
		a[0] = '\0';
	mc->m.sender = addr_canon_new(a);
	for (int i = 1; argv[i] != NULL; i++)
		if (strncasecmp(argv[i], "SIZE=", 5) == 0)
			mc->m.size = strtoll(argv[i] + 5, NULL, 10);
	if ((auth = smfi_getsymval(ctx, "{auth_authen}")) != NULL &&
	    *auth != '\0')
		mc->m.auth_user = xstrdup(auth);
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct mconn		*mc = smfi_getpriv(ctx);
	struct rcpt_check	 g;
	struct rcpt_reply	 r;
	struct db		*db;
	struct mrcpt		*mr;

	if (mc == NULL || argv[0] == NULL)
		return (SMFIS_TEMPFAIL);
	log_set_id(qid(ctx));
	if ((db = thread_db()) == NULL) {
		rcpt_set(&r, RCPT_TEMPFAIL, "451", "4.3.0", "moot cannot open "
		    "its database just now; please try again later");
		log_set_id(NULL);
		return (reply(ctx, &r));
	}
	rcpt_check(db, &conf, mc->m.sender, mc->m.size, argv[0], &g, &r);
	switch (r.action) {
	case RCPT_FOREIGN:
		mc->m.nforeign++;
		log_set_id(NULL);
		return (SMFIS_CONTINUE);
	case RCPT_REJECT:
	case RCPT_TEMPFAIL:
		log_info("%s RCPT from %s[%s]: %s %s %s; from=<%s>",
		    r.action == RCPT_REJECT ? "reject:" : "tempfail:",
		    mc->client_name, mc->client_addr, r.code, r.dsn, r.text,
		    mc->m.sender);
		log_set_id(NULL);
		return (reply(ctx, &r));
	case RCPT_OURS:
		break;
	}
	log_set_id(NULL);
	if (mc->m.nrcpts == MILTER_MAX_LIST_RCPTS) {
		rcpt_set(&r, RCPT_TEMPFAIL, "452", "4.5.3", "Too many list "
		    "addresses in one message; send the rest separately");
		return (reply(ctx, &r));
	}
	if (mc->m.nrcpts == mc->m.cap) {
		mc->m.cap = mc->m.cap ? mc->m.cap * 2 : 4;
		mc->m.rcpts = xreallocarray(mc->m.rcpts, mc->m.cap,
		    sizeof(*mc->m.rcpts));
	}
	mr = &mc->m.rcpts[mc->m.nrcpts++];
	memset(mr, 0, sizeof(*mr));
	mr->arg = xstrdup(argv[0]);
	mr->g = g;
	if (g.max_bytes > mc->m.limit)
		mc->m.limit = g.max_bytes;
	return (SMFIS_CONTINUE);
}

/* keep - append to the message unless it has grown past every limit */
static void
keep(struct mmsg *m, const void *p, size_t n)
{
	if (m->too_big)
		return;
	if ((int64_t)(m->data.len + n) > m->limit) {
		m->too_big = 1;
		vbuf_release(&m->data);
		vbuf_init(&m->data, VBUF_NOMAX);
		return;
	}
	(void)mail_canon_append(&m->data, p, n);
}

/*
 * forged_authres - an Authentication-Results field: stored, unless it
 * names [milter] authserv_id below the fields our MTA's verifiers add
 * (mail/authres.h): then it is a client's forgery, noted to be deleted
 * at the end of the message (smfi_chgheader() works only there).
 */
static int
forged_authres(SMFICTX *ctx, struct mmsg *m, const char *name,
    const char *value)
{
	m->argate.servid = conf.authserv_id;
	switch (authres_gate_field(&m->argate, name, strlen(name), value)) {
	case AUTHRES_NOT_AR:
		return (0);
	case AUTHRES_OURS:
	case AUTHRES_OTHER:
		m->nar++;
		authres_value_append(&m->authres, value, strlen(value));
		return (0);
	case AUTHRES_FORGED:
		break;
	}
	m->nar++;
	m->nforged++;
	if (m->ndrop < nitems(m->drop))
		m->drop[m->ndrop++] = m->nar;
	log_set_id(qid(ctx));
	log_info("Authentication-Results naming %s below the MTA's own: "
	    "a client's, not believed, removed", conf.authserv_id);
	log_set_id(NULL);
	return (1);
}

/* drop_forged - delete what forged_authres() found, the last first, as
 * each deletion renumbers the fields of that name after it */
static void
drop_forged(SMFICTX *ctx, struct mmsg *m)
{
	while (m->ndrop > 0)
		if (smfi_chgheader(ctx, "Authentication-Results",
		    (int)m->drop[--m->ndrop], NULL) != MI_SUCCESS)
			log_warnx("cannot delete forged Authentication-Results "
			    "%zu for the other recipients", m->drop[m->ndrop]);
	if (m->nforged > nitems(m->drop))
		log_warnx("%zu forged Authentication-Results fields; only %zu "
		    "deleted for the other recipients", m->nforged,
		    nitems(m->drop));
}

static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct mconn	*mc = smfi_getpriv(ctx);
	struct mmsg	*m;

	if (mc == NULL)
		return (SMFIS_TEMPFAIL);
	m = &mc->m;
	/* No list recipient: nothing of this message is ours. */
	if (m->nrcpts == 0)
		return (SMFIS_ACCEPT);
	if (forged_authres(ctx, m, name, value))
		return (SMFIS_CONTINUE);	/* neither stored nor kept */
	keep(m, name, strlen(name));
	keep(m, ":", 1);
	if (!mc->leadspc)
		keep(m, " ", 1);
	keep(m, value, strlen(value));
	keep(m, "\r\n", 2);
	if (strcasecmp(name, "X-Loop") == 0) {
		const char *v = value + strspn(value, " \t");
		size_t vl = strcspn(v, " \t\r\n");

		for (size_t i = 0; i < m->nrcpts; i++) {
			const struct listaddr *rt = &m->rcpts[i].g.route;
			size_t nl = strlen(rt->list), dl = strlen(conf.domain);

			if (vl == nl + 1 + dl && strncasecmp(v, rt->list, nl) ==
			    0 && v[nl] == '@' && strncasecmp(v + nl + 1,
			    conf.domain, dl) == 0 && rt->kind == AK_POST)
				m->rcpts[i].loop = 1;
		}
	}
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	struct mconn	*mc = smfi_getpriv(ctx);

	if (mc == NULL)
		return (SMFIS_TEMPFAIL);
	if (mc->m.nrcpts == 0)
		return (SMFIS_ACCEPT);
	keep(&mc->m, "\r\n", 2);
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct mconn	*mc = smfi_getpriv(ctx);

	if (mc == NULL)
		return (SMFIS_TEMPFAIL);
	keep(&mc->m, chunk, len);
	return (SMFIS_CONTINUE);
}

/* remove_ours - take the list recipients out of the MTA's delivery */
static sfsistat
remove_ours(SMFICTX *ctx, struct mmsg *m)
{
	/* Never discard a transaction that has other recipients (A7). */
	if (m->nforeign == 0)
		return (SMFIS_DISCARD);
	for (size_t i = 0; i < m->nrcpts; i++)
		if (smfi_delrcpt(ctx, m->rcpts[i].arg) != MI_SUCCESS)
			log_warnx("cannot remove %s from the MTA's delivery; "
			    "it may loop back (and be dropped as a duplicate)",
			    m->rcpts[i].arg);
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct mconn		*mc = smfi_getpriv(ctx);
	struct mmsg		*m;
	struct rcpt_reply	 r;
	struct spool_rcpt	*sr;
	struct spool_in		 in;
	struct db		*db;
	int64_t			 mid;
	size_t			 i, n = 0;
	sfsistat		 st;

	if (mc == NULL)
		return (SMFIS_TEMPFAIL);
	m = &mc->m;
	if (m->nrcpts == 0)
		return (SMFIS_CONTINUE);
	log_set_id(qid(ctx));
	drop_forged(ctx, m);
	if (m->too_big && m->nforeign > 0) {
		/* A 552 would refuse the other recipients too (A7): take
		 * only ours out.  XXX the sender is not told. */
		for (i = 0; i < m->nrcpts; i++)
			log_info("too large for %s: removed; the other "
			    "recipients still get it; from=<%s>",
			    m->rcpts[i].g.canon, m->sender);
		st = remove_ours(ctx, m);
		goto out;
	}
	if (m->too_big) {
		rcpt_set(&r, RCPT_REJECT, "552", "5.3.4", "This message is "
		    "larger than the %lld bytes the list takes", (long long)
		    m->limit);
		log_info("reject: %s %s %s; from=<%s>", r.code, r.dsn, r.text,
		    m->sender);
		st = reply(ctx, &r);
		goto out;
	}
	sr = xcalloc(m->nrcpts, sizeof(*sr));
	for (i = 0; i < m->nrcpts; i++) {
		const struct mrcpt *mr = &m->rcpts[i];

		if (mr->loop) {
			log_info("to=<%s> dropped: it carries our X-Loop",
			    mr->g.canon);
			continue;
		}
		sr[n].rcpt = mr->g.canon;
		sr[n].list_name = mr->g.route.list;
		sr[n].list_id = mr->g.list_id;
		sr[n].kind = mr->g.route.kind;
		sr[n].token = mr->g.route.token[0] != '\0' ?
		    mr->g.route.token : NULL;
		n++;
	}
	if (n == 0) {
		free(sr);
		st = remove_ours(ctx, m);
		goto out;
	}
	memset(&in, 0, sizeof(in));
	in.via = "milter";
	in.queue_id = qid(ctx);
	in.env_from = m->sender;
	in.client_addr = mc->client_addr;
	in.client_name = mc->client_name;
	in.auth_user = m->auth_user;
	in.auth_results = m->authres.len > 0 ? vbuf_str(&m->authres) : NULL;
	in.raw = m->data.data != NULL ? m->data.data : "";
	in.len = m->data.len;
	in.rcpts = sr;
	in.nrcpts = n;
	in.received_at = clock_now();
	killpoint_at("eom-before-commit");
	if ((db = thread_db()) == NULL || spool_store(db, &in, &mid) !=
	    DB_OK) {
		free(sr);
		rcpt_set(&r, RCPT_TEMPFAIL, "451", "4.3.0", "moot could not "
		    "store this message; please try again later");
		log_warnx("not stored; the client is told to try again");
		st = reply(ctx, &r);
		goto out;
	}
	killpoint_at("eom-after-commit");
	free(sr);
	log_info("stored: message %lld, %zu bytes, %zu list recipient%s, "
	    "from=<%s> client=%s[%s]", (long long)mid, m->data.len, n,
	    n == 1 ? "" : "s", m->sender, mc->client_name, mc->client_addr);
	(void)wake_mootd(&conf);
	st = remove_ours(ctx, m);
out:
	log_set_id(NULL);
	msg_reset(m);
	return (st);
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	struct mconn	*mc = smfi_getpriv(ctx);

	if (mc != NULL)
		msg_reset(&mc->m);
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_close(SMFICTX *ctx)
{
	struct mconn	*mc = smfi_getpriv(ctx);

	if (mc == NULL)
		return (SMFIS_CONTINUE);
	msg_reset(&mc->m);
	vbuf_release(&mc->m.data);
	vbuf_release(&mc->m.authres);
	free(mc->client_addr);
	free(mc->client_name);
	free(mc);
	(void)smfi_setpriv(ctx, NULL);
	return (SMFIS_CONTINUE);
}

static struct smfiDesc desc = {
	.xxfi_name = "moot",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_DELRCPT | SMFIF_CHGHDRS,
	.xxfi_connect = cb_connect,
	.xxfi_envfrom = cb_envfrom,
	.xxfi_envrcpt = cb_envrcpt,
	.xxfi_header = cb_header,
	.xxfi_eoh = cb_eoh,
	.xxfi_body = cb_body,
	.xxfi_eom = cb_eom,
	.xxfi_abort = cb_abort,
	.xxfi_close = cb_close,
	.xxfi_negotiate = cb_negotiate,
};

#define ROOT_BG "will not run as root in the background: set [moot] " \
	"user to the user moot-milter should run as (or run it in the " \
	"foreground with -f)"

static void __attribute__((noreturn))
usage(int status)
{
	/* same words as the SYNOPSIS of man/moot-milter.8 */
	fprintf(status ? stderr : stdout,
	    "usage: moot-milter -c conf [-f] [-v]\n");
	exit(status);
}

/* unix_path - the file of a unix:/local: socket spec, or NULL */
static const char *
unix_path(const char *spec)
{
	if (strncmp(spec, "unix:", 5) == 0)
		return (spec + 5);
	if (strncmp(spec, "local:", 6) == 0)
		return (spec + 6);
	if (spec[0] == '/')
		return (spec);
	return (NULL);
}

/*
 * open_socket - listen on [milter] socket (path is its file, or NULL for
 * a TCP socket), as root if need be, then become [moot] user; fatal on
 * failure
 */
static void
open_socket(const char *path, struct vbuf *err)
{
	mode_t	old_mask;
	int	rc;

	if ((path != NULL && conf_folder_ready("[milter] socket", path,
	    err) == -1) || conf_folder_ready("[milter] pid_file",
	    conf.milter_pid_file, err) == -1)
		log_fatalx("%s", vbuf_str(err));
	if (path != NULL)
		(void)unlink(path);
	if (smfi_setconn(conf.milter_socket) == MI_FAILURE)
		log_fatalx("[milter] socket %s: not a libmilter connection "
		    "spec (unix:/path or inet:port@host)", conf.milter_socket);
	if (smfi_register(desc) == MI_FAILURE)
		log_fatalx("smfi_register failed");
	if (path == NULL)
		log_warnx("[milter] socket %s is not a unix socket: any local "
		    "user may connect to it and store mail with forged MTA "
		    "facts; see moot-milter(8), POSTFIX", conf.milter_socket);
	/* The socket is made with its mode (the umask around the bind), not
	 * changed by path after: whoever can write its folder could put a
	 * link there in between (threat G2). */
	old_mask = umask(~(mode_t)conf.milter_socket_mode & 0777);
	rc = smfi_opensocket(1);
	(void)umask(old_mask);
	if (rc == MI_FAILURE)
		log_fatalx("cannot listen on %s", conf.milter_socket);
	if (geteuid() == 0 && conf.user != NULL) {
		uid_t	uid;
		gid_t	gid;

		/* Given to the user so it can be removed; a link in its
		 * place is what changes owner, never what it names. */
		if (path != NULL && priv_lookup(conf.user, &uid, &gid,
		    err) == 0 && fchownat(AT_FDCWD, path, uid, gid,
		    AT_SYMLINK_NOFOLLOW) == -1)
			log_warn("chown %s", path);
		if (priv_drop(conf.user, err) == -1)
			log_fatalx("%s", vbuf_str(err));
	}
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct vbuf	 err;
	struct db	*db = NULL;
	const char	*conf_path = NULL, *path;
	int		 ch, fg = 0, verbose = 0, rc;

	while ((ch = getopt_long(argc, argv, "c:fhv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf_path = optarg; break;
		case 'f': fg = 1; break;
		case 'v': verbose++; break;
		case 'h': usage(0);
		case 'V':
			printf("moot-milter %s\n", PACKAGE_VERSION);
			exit(0);
		default: usage(1);
		}
	}
	if (optind != argc || conf_path == NULL)
		usage(1);
	log_init("moot-milter", (fg ? LOG_TO_STDERR : 0) | LOG_TO_SYSLOG);
	log_verbose(verbose);
	vbuf_init(&err, 4096);
	if (conf_load(&conf, conf_path, &err) == -1 ||
	    clock_init(conf.timezone, &err) == -1) {
		fprintf(stderr, "moot-milter: %s\n", vbuf_str(&err));
		exit(1);
	}
	/* Threat G2: never root in the background; in the foreground (a
	 * test, a first try by hand) it may, and says so. */
	if (geteuid() == 0 && conf.user == NULL && !fg) {
		/* On standard error too: without -f it is not logged there. */
		fprintf(stderr, "moot-milter: fatal: %s\n", ROOT_BG);
		log_fatalx("%s", ROOT_BG);
	}
	if (geteuid() == 0 && conf.user == NULL)
		log_warnx("running as root: set [moot] user to the user "
		    "moot-milter should run as");

	/* Bind first (as root if need be), then give root up. */
	path = unix_path(conf.milter_socket);
	open_socket(path, &err);
	/* The schema is brought up to date once, before any thread. */
	if (db_open(&db, conf.database, 0, &err) != DB_OK ||
	    db_migrate(db, &err) != DB_OK)
		log_fatalx("%s", vbuf_str(&err));
	db_close(&db);
	if ((rc = pthread_key_create(&db_key, thread_db_close)) != 0)
		log_fatalx("pthread_key_create: %s", strerror(rc));
	(void)signal(SIGPIPE, SIG_IGN);
	if (!fg && daemon(0, 0) == -1)
		log_fatal("daemon");
	priv_write_pid(conf.milter_pid_file);
	log_info("listening on %s", conf.milter_socket);
	rc = smfi_main();
	log_info("stopped");
	(void)unlink(conf.milter_pid_file);
	if (path != NULL)
		(void)unlink(path);
	/* conf is not freed: a connection thread may still be reading it
	 * when smfi_main() returns; exit reclaims it. */
	vbuf_release(&err);
	return (rc == MI_SUCCESS ? 0 : 2);
}
