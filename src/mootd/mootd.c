/*
 * mootd - the processor: spooled mail in, posts and notices out
 *
 * See man/mootd.8.  One mootd runs per database (a lock file says so);
 * it takes spooled messages, decides, distributes what is approved and
 * sends what waits in the outbox.  --once does what is due and exits.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_ckpt.h"
#include "db/db_spool.h"
#include "mootd/fanout.h"
#include "util/log.h"
#include "list/membership.h"
#include "list/escalate.h"
#include "list/hold_end.h"
#include "cal/cal_agenda.h"
#include "cal/cal_ask.h"
#include "cal/cal_invite.h"
#include "gov/gov_effect.h"
#include "gov/gov_review.h"
#include "gov/gov_close.h"
#include "mootd/digest.h"
#include "mootd/news.h"
#include "mootd/dispatch.h"
#include "util/priv.h"
#include "mootd/retention.h"
#include "mootd/route.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "global/wake.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define ROOT_BG "will not run as root in the background: set [moot] " \
	"user to the user mootd should run as (or run it in the " \
	"foreground with -f)"
#define BACKOFF_MIN_S	1	/* the first wait after database trouble */
#define BACKOFF_MAX_S	300	/* and the longest */

#define MOOTD_TRIM_THRESHOLD	(4 << 20)	/* bytes; see main() */

static volatile sig_atomic_t	stop;
static volatile sig_atomic_t	reload;
static int			idle_failed;	/* idle_work() gave up */

static void __attribute__((noreturn))
usage(int status)
{
	/* same words as the SYNOPSIS of man/mootd.8 */
	fprintf(status ? stderr : stdout,
	    "usage: mootd -c conf [--once] [-f] [-v]\n");
	exit(status);
}

static void
on_signal(int sig)
{
	/* Any of our signals ends poll() in wake_wait(): SIGUSR1 wakes. */
	if (sig == SIGTERM || sig == SIGINT)
		stop = 1;
	if (sig == SIGHUP)
		reload = 1;
}

/* open_lock - the lock file; one mootd per database holds it */
static int
open_lock(const char *path)
{
	int	fd;

	if ((fd = priv_open(path, O_RDWR | O_CREAT, 0640)) == -1)
		log_fatal("lock %s", path);
	return (fd);
}

/* try_lock - 1 if we hold the lock now, 0 if another mootd does */
static int
try_lock(int fd, const char *path)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return (1);
	if (errno != EWOULDBLOCK)
		log_fatal("lock %s", path);
	return (0);
}

/*
 * hand_off - --once while a daemon runs: wake it and wait until nothing
 * is due, so "--once" still means "what is due now is done when it
 * exits".  Returns 1 if the daemon went away and we hold the lock.
 */
static int
hand_off(const struct conf *c, struct db *db, int lockfd)
{
	int64_t	n = 1, start = clock_mono_ms(), gone;

	(void)wake_mootd(c);
	while (!stop && (gone = clock_mono_ms() - start) <
	    WAKE_WAIT_MAX_S * 1000LL) {
		if (try_lock(lockfd, c->mootd_lock))
			return (1);
		if (spool_due(db, clock_now(), &n) == DB_OK && n == 0)
			return (0);
		clock_poll_pause(gone);
	}
	if (!stop)
		log_fatalx("the running mootd has not finished what is due "
		    "in %d s", WAKE_WAIT_MAX_S);
	return (0);
}

/* What a round did: the rows and items whose new state was recorded,
 * and whether a state could not be written (the round then stops). */
struct round {
	int	done;
	int	trouble;
};

/*
 * moved - whether row s, just handled, left state or was put off to a
 * later try: work finished, as the database records it.  A row still
 * due in the same state is one whose new state could not be written.
 */
static int
moved(struct ctx *x, const struct spool_item *s, enum spool_state state,
    time_t now)
{
	struct spool_item	*after = NULL;
	int			 rc, yes;

	if ((rc = spool_load(x->db, s->id, &after)) == DB_NOTFOUND)
		return (1);		/* deleted: nothing left to do */
	if (rc != DB_OK)
		return (0);
	yes = after->state != state || after->next_try > now;
	spool_item_free(&after);
	return (yes);
}

/* each_state - handle every row in state that is due now */
static void
each_state(struct ctx *x, enum spool_state state, struct round *r)
{
	struct spool_item	*s;
	int64_t			 after = 0;
	time_t			 now;
	int			 rc;

	while (!stop && !r->trouble && (rc = spool_next(x->db, state,
	    now = clock_now(), after, &s)) != DB_NOTFOUND) {
		if (rc != DB_OK) {
			r->trouble = 1;
			break;
		}
		after = s->id;
		log_set_id(s->queue_id);
		if (state == SPOOL_SPOOLED)
			route_spooled(x, s);
		else
			(void)fanout_post(x, s);
		if (moved(x, s, state, now))
			r->done++;
		else if (!stop) {
			log_warnx("its new state could not be recorded");
			r->trouble = 1;
		}
		log_set_id(NULL);
		spool_item_free(&s);
	}
}

/*
 * work_round - everything that is due, stopping at the first state that
 * cannot be written: what was done then may be done again, so it must
 * not be done again at once (see run_daemon() and run_once()).
 */
static void
work_round(struct ctx *x, struct round *r)
{
	memset(r, 0, sizeof(*r));
	each_state(x, SPOOL_SPOOLED, r);
	if (r->trouble)
		return;
	/* Holds that are over end first: nobody is reminded of them. */
	r->done += hold_end_tick(x);
	r->done += escalate_tick(x);
	r->done += membership_tick(x);
	r->done += cal_invite_tick(x);
	r->done += cal_agenda_tick(x);
	r->done += cal_ask_tick(x);
	r->done += gov_review_tick(x);
	/* Decisions whose deadline came, and tied votes the chair has not
	 * answered: after the ballots spooled this round were counted. */
	r->done += gov_close_tick(x);
	each_state(x, SPOOL_APPROVED, r);
	each_state(x, SPOOL_DISTRIBUTING, r);
	/* After distributing: a post that went out this round is in
	 * this round's digests. */
	if (!r->trouble)
		r->done += digest_tick(x);
	/* Likewise the weekly updates of newsletter lists. */
	if (!r->trouble)
		r->done += news_tick(x);
	if (!r->trouble)
		r->done += dispatch_run(x, &r->trouble);
	if (!r->trouble)
		r->done += retention_tick(x);
}

/*
 * check_apart - tmpl_check_all() in a child process: 0, or -1 with the
 * reason in err.  Checking every language's plural forms calls ICU, whose
 * code and data then stay resident in the process that called it (some
 * 1.7 MB); a post's fan-out never calls ICU, so mootd asks a child and
 * keeps its own memory for the work (bench/PROFILE-ingest.md, "Memory").
 */
static int
check_apart(const struct conf *c, struct vbuf *err)
{
	struct vbuf	 why;
	char		 buf[4096];
	ssize_t		 n;
	pid_t		 pid;
	int		 fd[2], st, rc;

	if (pipe2(fd, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		vbuf_printf(err, "cannot check the templates apart: %s",
		    strerror(errno));
		return (-1);
	}
	if (pid == 0) {
		(void)close(fd[0]);
		/* At most PIPE_BUF bytes: one write() says it all. */
		vbuf_init(&why, sizeof(buf));
		rc = tmpl_check_all(c, &why);
		if (rc == -1 && why.len > 0 &&
		    write(fd[1], why.data, why.len) == -1)
			_exit(2);
		_exit(rc == -1 ? 1 : 0);
	}
	(void)close(fd[1]);
	while ((n = read(fd[0], buf, sizeof(buf))) != 0) {
		if (n > 0)
			(void)vbuf_cat(err, buf, (size_t)n);
		else if (errno != EINTR)
			break;
	}
	(void)close(fd[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			vbuf_printf(err, "cannot wait for the templates' "
			    "check: %s", strerror(errno));
			return (-1);
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return (0);
	if (err->len == 0)
		vbuf_puts(err, "the templates' check ended without a word");
	return (-1);
}

/* templates_or_die - start no work with templates that fail the check */
static void
templates_or_die(const struct conf *c)
{
	struct vbuf	err;

	vbuf_init(&err, 4096);
	if (check_apart(c, &err) == -1)
		log_fatalx("%s", vbuf_str(&err));
	vbuf_release(&err);
}

/*
 * reload_conf - SIGHUP: read the configuration again.  A file with an
 * error changes nothing; the database, lock and sockets stay as they
 * were opened (changing those needs a restart).
 */
static void
reload_conf(struct conf *conf, const char *path)
{
	struct conf	fresh;
	struct vbuf	err;

	vbuf_init(&err, 4096);
	if (conf_load(&fresh, path, &err) == -1 ||
	    check_apart(&fresh, &err) == -1) {
		log_warnx("SIGHUP: configuration not reloaded: %s",
		    vbuf_str(&err));
		conf_free(&fresh);
		vbuf_release(&err);
		return;
	}
	if (strcmp(fresh.database, conf->database) != 0 ||
	    strcmp(fresh.mootd_lock, conf->mootd_lock) != 0 ||
	    strcmp(fresh.mootd_wake, conf->mootd_wake) != 0)
		log_warnx("SIGHUP: database, lock and wake_socket changes "
		    "take effect at the next start");
	vbuf_reset(&err);
	if (clock_init(fresh.timezone, &err) == -1)
		log_warnx("SIGHUP: %s", vbuf_str(&err));
	/* Keep the paths in use; take everything else. */
	free(fresh.database);
	free(fresh.mootd_lock);
	free(fresh.mootd_wake);
	fresh.database = conf->database;
	fresh.mootd_lock = conf->mootd_lock;
	fresh.mootd_wake = conf->mootd_wake;
	conf->database = conf->mootd_lock = conf->mootd_wake = NULL;
	conf_free(conf);
	*conf = fresh;
	log_info("SIGHUP: configuration reloaded");
	vbuf_release(&err);
}

/* start - what mootd does before any work, each failure fatal */
static void
start(struct conf *conf, const char *conf_path, int once, int fg,
    struct db **db, int *lockfd)
{
	struct vbuf	 err;

	vbuf_init(&err, 4096);
	if (conf_load(conf, conf_path, &err) == -1 ||
	    clock_init(conf->timezone, &err) == -1) {
		fprintf(stderr, "mootd: %s\n", vbuf_str(&err));
		exit(1);
	}
	if (conf_folder_ready("[mootd] lock", conf->mootd_lock, &err) == -1 ||
	    (!once && (conf_folder_ready("[mootd] pid_file",
	    conf->mootd_pid_file, &err) == -1 ||
	    conf_folder_ready("[mootd] wake_socket", conf->mootd_wake,
	    &err) == -1)))
		log_fatalx("%s", vbuf_str(&err));
	if (geteuid() == 0) {
		/* Threat G2: a daemon in the background never stays root;
		 * in the foreground or for --once (tests, scripts, a first
		 * try by hand) it may, and says so where it was started. */
		if (conf->user != NULL) {
			if (priv_drop(conf->user, &err) == -1)
				log_fatalx("%s", vbuf_str(&err));
		} else if (!fg && !once) {
			/* Said on standard error too: it is not logged
			 * there without -f, and it was started by hand. */
			fprintf(stderr, "mootd: fatal: %s\n", ROOT_BG);
			log_fatalx("%s", ROOT_BG);
		} else
			log_warnx("running as root: set [moot] user to the "
			    "user mootd should run as");
	}
	/* SIGHUP reloads into the same struct: the pointer stays good. */
	gov_effect_use_conf(conf);
	if (token_load_key(conf->secret, &err) == -1)
		log_fatalx("%s", vbuf_str(&err));
	*lockfd = open_lock(conf->mootd_lock);
	if (try_lock(*lockfd, conf->mootd_lock))
		templates_or_die(conf);
	else if (!once)
		log_fatalx("another mootd holds %s", conf->mootd_lock);
	/* else --once hands off to the running mootd, which checked its
	 * own templates; run_once() checks them if it takes over. */
	if (db_open(db, conf->database, 0, &err) != DB_OK ||
	    db_migrate(*db, &err) != DB_OK)
		log_fatalx("%s", vbuf_str(&err));
	vbuf_release(&err);
}

/* catch_signals - TERM and INT stop, USR1 wakes, HUP reloads */
static void
catch_signals(void)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	(void)sigaction(SIGUSR1, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	(void)signal(SIGPIPE, SIG_IGN);
}

/*
 * start_checkpoints - the WAL's checkpoints in a thread of their own
 * (db_ckpt.h): a fan-out's commits then never stop to sync 4 MB.  If
 * the thread cannot start, the commits make them, as before.
 */
static struct db_ckpt *
start_checkpoints(struct db *db)
{
	struct db_ckpt	*ck;
	struct vbuf	 err;

	vbuf_init(&err, 1024);
	if ((ck = db_ckpt_start(db, &err)) == NULL)
		log_warnx("%s; the commits make the checkpoints",
		    vbuf_str(&err));
	vbuf_release(&err);
	return (ck);
}

/*
 * run_once - --once: everything due now, then return; 0, or -1 when a
 * state could not be written (the caller exits EX_TEMPFAIL, and the
 * work left waits for the next run)
 */
static int
run_once(struct ctx *x, int lockfd)
{
	struct round	 r;
	struct db_ckpt	*ck;
	int		 mine = flock(lockfd, LOCK_EX | LOCK_NB) == 0;
	int		 rc = 0;

	if (!mine) {
		if (!hand_off(x->conf, x->db, lockfd))
			return (0);
		templates_or_die(x->conf);
	}
	ck = start_checkpoints(x->db);
	/* The cap is a safety net: each round must finish some work. */
	for (int i = 0; i < 1000 && !stop; i++) {
		work_round(x, &r);
		if (r.trouble) {
			log_warnx("stopped: the database cannot record what "
			    "was done; the rest waits for the next run");
			rc = -1;
			break;
		}
		if (r.done == 0)
			break;
	}
	db_ckpt_stop(&ck);
	return (rc);
}

/*
 * backoff - after a round that could not write a state: wait, longer
 * each time up to BACKOFF_MAX_S, before the next round, so that a full
 * disk or a read-only database cannot make mootd send the same mail
 * again and again.  Only a signal cuts the wait short (SIGUSR1 is the
 * administrator's); wake-ups from new mail wait for it.
 */
static void
backoff(int *wait_s)
{
	*wait_s = *wait_s == 0 ? BACKOFF_MIN_S : *wait_s * 2;
	if (*wait_s > BACKOFF_MAX_S)
		*wait_s = BACKOFF_MAX_S;
	log_warnx("the database cannot record what was done; next round "
	    "in %d s", *wait_s);
	(void)wake_wait(-1, *wait_s * 1000);
}

/*
 * idle_work - what waits for a moment with nothing due: the leave tokens
 * of members added since the last post, a slice of 1000 at a time, so
 * that the next post to their list need not make them first.  Stops at
 * a wake-up (new work comes first) and returns 1 then.
 */
static int
idle_work(struct ctx *x, struct db_ckpt *ck, int wakefd)
{
	int	made = 0, any = 0;

	/* After a failure (no key, a damaged database), the posts make
	 * them and say why; the idle moments try again after SIGHUP. */
	while (!stop && !idle_failed &&
	    (made = membership_idle_tokens(x)) > 0) {
		log_debug("made %d members' leave tokens", made);
		any = 1;
		if (wake_wait(wakefd, 0))
			return (1);
	}
	if (made == -1) {
		log_warnx("cannot make members' leave tokens ahead of their "
		    "first post; the post will");
		idle_failed = 1;
	}
	/* A thousand tokens leave some hundreds of pages in the WAL: copied
	 * into the database now, while nothing waits. */
	if (any)
		db_ckpt_now(ck);
	return (0);
}

/* run_daemon - work until SIGTERM, waking on the socket or the poll */
static void
run_daemon(struct ctx *x, struct conf *conf, const char *conf_path, int fg)
{
	struct round	 r;
	struct db_ckpt	*ck;
	int		 wakefd, wait_s = 0;

	if (!fg && daemon(0, 0) == -1)
		log_fatal("daemon");
	/* After daemon(): a thread does not survive its fork(). */
	ck = start_checkpoints(x->db);
	priv_write_pid(conf->mootd_pid_file);
	wakefd = wake_listen(conf);
	log_info("started");
	while (!stop) {
		if (reload) {
			reload = 0;
			reload_conf(conf, conf_path);
			idle_failed = 0;
		}
		do
			work_round(x, &r);
		while (!stop && !r.trouble && r.done > 0);
		if (stop)
			break;
		if (r.trouble) {
			backoff(&wait_s);
			continue;
		}
		wait_s = 0;
		/* A SIGTERM or SIGHUP during the idle work has been taken:
		 * poll() would not see it, so go round at once. */
		if (!idle_work(x, ck, wakefd) && !stop && !reload)
			(void)wake_wait(wakefd, (int)conf->poll * 1000);
	}
	db_ckpt_stop(&ck);
	log_info("stopped");
	if (wakefd != -1) {
		(void)close(wakefd);
		(void)unlink(conf->mootd_wake);
	}
	(void)unlink(conf->mootd_pid_file);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct conf		 conf;
	struct db		*db = NULL;
	struct ctx		 x;
	const char		*conf_path = NULL;
	int			 ch, once = 0, fg = 0, verbose = 0, lockfd;
	int			 status = 0;

	while ((ch = getopt_long(argc, argv, "c:fhv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf_path = optarg; break;
		case 'f': fg = 1; break;
		case 'o': once = 1; break;
		case 'v': verbose++; break;
		case 'h': usage(0);
		case 'V':
			printf("mootd %s\n", PACKAGE_VERSION);
			exit(0);
		default: usage(1);
		}
	}
	if (argc != optind || conf_path == NULL)
		usage(1);
	/*
	 * SQLite takes and frees a little memory at each statement of a
	 * fan-out; with glibc's default the top of the heap went back to
	 * the kernel and was asked for again every time: two brk() calls a
	 * recorded transaction, half the system time of a 100,000-member
	 * bulk post (bench/PROFILE.md).  Keeping up to 4 MiB free at the
	 * top costs no peak memory: it was in use a moment before.
	 */
	(void)mallopt(M_TRIM_THRESHOLD, MOOTD_TRIM_THRESHOLD);
	log_init("mootd", (fg || once ? LOG_TO_STDERR : 0) | LOG_TO_SYSLOG);
	log_verbose(verbose);
	start(&conf, conf_path, once, fg, &db, &lockfd);
	catch_signals();
	x.conf = &conf;
	x.db = db;
	x.stop = &stop;
	if (once)
		status = run_once(&x, lockfd) == -1 ? EX_TEMPFAIL : 0;
	else
		run_daemon(&x, &conf, conf_path, fg);
	db_close(&db);
	(void)close(lockfd);
	conf_free(&conf);
	return (status);
}
