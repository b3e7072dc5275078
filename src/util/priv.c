/*
 * priv.c - dropping root; see priv.h
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "util/priv.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* priv_lookup - see priv.h */
int
priv_lookup(const char *user, uid_t *uid, gid_t *gid, struct vbuf *err)
{
	struct passwd	*pw;

	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		vbuf_printf(err, "no such user: %s", user);
		return (-1);
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return (0);
}

/* priv_drop - see priv.h */
int
priv_drop(const char *user, struct vbuf *err)
{
	uid_t	uid;
	gid_t	gid;

	if (priv_lookup(user, &uid, &gid, err) == -1)
		return (-1);
	if (getuid() == uid && geteuid() == uid)
		return (0);
	if (setgroups(1, &gid) == -1 || setgid(gid) == -1 ||
	    setuid(uid) == -1) {
		vbuf_printf(err, "cannot become %s: %s", user,
		    strerror(errno));
		return (-1);
	}
	if (uid != 0 && setuid(0) != -1)
		log_panic("root came back after dropping to %s", user);
	return (0);
}

/* priv_open - see priv.h */
int
priv_open(const char *path, int flags, mode_t mode)
{
	struct stat	st;
	int		fd, e;

	/* O_NONBLOCK: a FIFO put in its place must not hang the open. */
	if ((fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
	    mode)) == -1)
		return (-1);
	/* Only a plain file with no other name (a hard link would be a
	 * file the daemon must not touch). */
	if (fstat(fd, &st) == -1)
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	else if (st.st_nlink != 1)
		e = EMLINK;
	else
		return (fd);
	(void)close(fd);
	errno = e;
	return (-1);
}

/* priv_write_pid - see priv.h */
void
priv_write_pid(const char *path)
{
	char	line[32];
	int	fd, n;

	n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	/* Emptied only once priv_open() has seen what it is. */
	if ((fd = priv_open(path, O_WRONLY | O_CREAT, 0644)) == -1) {
		log_warn("pid file %s", path);
		return;
	}
	if (ftruncate(fd, 0) == -1 || write(fd, line, (size_t)n) != n)
		log_warn("pid file %s", path);
	if (close(fd) == -1)
		log_warn("pid file %s", path);
}
