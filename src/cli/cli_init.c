/*
 * cli_init.c - moot init: the database, the secret, a check of templates
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "util/alloc.h"
#include "cli/cli.h"
#include "db/db.h"
#include "util/priv.h"
#include "util/random.h"
#include "global/tmpl.h"
#include "util/sys_defs.h"

#define SECRET_BYTES	32	/* 256-bit key for HMAC-SHA256 tokens (B1) */

/* make_dir - the folder of path, created 0750 (and given to uid) */
static int
make_dir(const char *path, int chown_it, uid_t uid, gid_t gid)
{
	char		*copy = xstrdup(path), *dir = dirname(copy);
	struct stat	 st;
	int		 rc = 0;

	if (stat(dir, &st) == -1) {
		if (errno != ENOENT || mkdir(dir, 0750) == -1) {
			cli_error(CLI_FAIL, "%s: %s", dir, strerror(errno));
			rc = -1;
		} else if (chown_it && chown(dir, uid, gid) == -1) {
			cli_error(CLI_FAIL, "chown %s: %s", dir,
			    strerror(errno));
			rc = -1;
		}
	}
	free(copy);
	return (rc);
}

/* make_secret - 32 random bytes, hex, in a new file of mode 0600 */
static int
make_secret(const char *path)
{
	unsigned char	key[SECRET_BYTES];
	char		hex[SECRET_BYTES * 2 + 2];
	struct stat	st;
	int		fd;

	if (stat(path, &st) == 0) {
		if (st.st_mode & 077)
			return (cli_error(CLI_USAGE, "%s: mode %03o lets others read "
			    "the secret; chmod 600 it", path,
			    (unsigned)(st.st_mode & 0777)));
		if (st.st_size < SECRET_BYTES)
			return (cli_error(CLI_USAGE, "%s: too short to be a secret "
			    "made by moot init", path));
		return (0);
	}
	if (random_bytes(key, sizeof(key)) == -1)
		return (cli_error(CLI_FAIL, "cannot get random bytes for the "
		    "secret"));
	for (size_t i = 0; i < sizeof(key); i++)
		(void)snprintf(hex + 2 * i, 3, "%02x", key[i]);
	hex[SECRET_BYTES * 2] = '\n';
	hex[SECRET_BYTES * 2 + 1] = '\0';
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	    -1)
		return (cli_error(CLI_FAIL, "%s: %s", path, strerror(errno)));
	if (write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) ||
	    fsync(fd) == -1) {
		(void)close(fd);
		(void)unlink(path);
		return (cli_error(CLI_FAIL, "%s: %s", path, strerror(errno)));
	}
	if (close(fd) == -1)
		return (cli_error(CLI_FAIL, "%s: %s", path, strerror(errno)));
	printf("secret: created %s\n", path);
	return (0);
}

/* cmd_init - moot init */
int
cmd_init(struct cli *c, int argc, char **argv)
{
	uid_t	uid = 0;
	gid_t	gid = 0;
	int	rc, as_root;

	if (argc > 1)
		return (cli_help(cli_command_for(cmd_init),
		    strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h")));
	c->keep_root = 1;
	if ((rc = cli_conf(c)) != CLI_OK)
		return (rc);
	/* Check what can be checked before anything is created, so that a
	 * wrong templates folder leaves no half-made site behind. */
	if (tmpl_check_all(&c->conf, &c->err) == -1)
		return (cli_error(CLI_USAGE, "[moot] templates: %s",
		    vbuf_str(&c->err)));
	as_root = geteuid() == 0 && c->conf.user != NULL;
	if (as_root && priv_lookup(c->conf.user, &uid, &gid, &c->err) == -1)
		return (cli_error(CLI_USAGE, "[moot] user: %s",
		    vbuf_str(&c->err)));
	if (make_dir(c->conf.database, as_root, uid, gid) == -1 ||
	    make_dir(c->conf.secret, as_root, uid, gid) == -1)
		return (CLI_FAIL);
	if (as_root && priv_drop(c->conf.user, &c->err) == -1)
		return (cli_error(CLI_FAIL, "%s", vbuf_str(&c->err)));
	/* The database is the daemons' and the administrators' (0640). */
	(void)umask(027);
	if ((rc = make_secret(c->conf.secret)) != 0)
		return (rc);
	if ((rc = db_open(&c->db, c->conf.database, DB_CREATE, &c->err)) !=
	    DB_OK || (rc = db_migrate(c->db, &c->err)) != DB_OK)
		return (cli_error(CLI_FAIL, "%s", vbuf_str(&c->err)));
	printf("database: %s at schema version %d\n", c->conf.database,
	    db_schema_version());
	return (CLI_OK);
}
