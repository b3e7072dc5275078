/*
 * spawn.c - run a program and read what it writes; see spawn.h
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>

#include "util/spawn.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

extern char **environ;

/* drain - one read from fd into v (or dropped); 0 at the end, 1 more to
 * come, -1 on a read error */
static int
drain(int fd, struct vbuf *v)
{
	char	buf[8192];
	ssize_t	n;

	if ((n = read(fd, buf, sizeof(buf))) == -1)
		return (errno == EINTR || errno == EAGAIN ? 1 : -1);
	if (n == 0)
		return (0);
	/* Past the vbuf's limit the bytes are dropped and v->err set: the
	 * caller sees the overflow; the program still runs to its end. */
	if (v != NULL)
		(void)vbuf_cat(v, buf, (size_t)n);
	return (1);
}

/* read_both - out_fd into out and err_fd into err until both end */
static int
read_both(int out_fd, struct vbuf *out, int err_fd, struct vbuf *err)
{
	struct pollfd	pfd[2] = {
		{ .fd = out_fd, .events = POLLIN },
		{ .fd = err_fd, .events = POLLIN },
	};
	struct vbuf	*to[2] = { out, err };
	int		 rc = 0, r;

	while (pfd[0].fd != -1 || pfd[1].fd != -1) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		for (int i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			if ((r = drain(pfd[i].fd, to[i])) <= 0) {
				if (r == -1)
					rc = -1;
				pfd[i].fd = -1;
			}
		}
	}
	return (rc);
}

/* start - posix_spawn path with stdin from /dev/null and stdout, stderr
 * to the write ends of po and pe; 0, or an errno value */
static int
start(const char *path, enum spawn_how how, char *const argv[],
    const int po[2], const int pe[2], pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int	rc;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		return (rc);
	if ((rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
	    O_RDONLY, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(&fa, po[1], 1)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(&fa, pe[1], 2)) == 0) {
		if (how == SPAWN_PATH_SEARCH)
			rc = posix_spawnp(pid, path, &fa, NULL, argv, environ);
		else
			rc = posix_spawn(pid, path, &fa, NULL, argv, environ);
	}
	(void)posix_spawn_file_actions_destroy(&fa);
	return (rc);
}

/* spawn_read - see spawn.h */
int
spawn_read(const char *path, enum spawn_how how, char *const argv[],
    struct vbuf *out, struct vbuf *err)
{
	int	po[2], pe[2], rc, st, e;
	pid_t	pid;

	if (pipe2(po, O_CLOEXEC) == -1)
		goto fail;
	if (pipe2(pe, O_CLOEXEC) == -1) {
		e = errno;
		(void)close(po[0]);
		(void)close(po[1]);
		errno = e;
		goto fail;
	}
	rc = start(path, how, argv, po, pe, &pid);
	(void)close(po[1]);
	(void)close(pe[1]);
	if (rc != 0) {
		(void)close(po[0]);
		(void)close(pe[0]);
		errno = rc;
		goto fail;
	}
	rc = read_both(po[0], out, pe[0], err);
	e = errno;
	(void)close(po[0]);
	(void)close(pe[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			goto fail;
	if (rc == -1) {
		errno = e;
		goto fail;
	}
	if (WIFSIGNALED(st))
		return (256 + WTERMSIG(st));
	return (WEXITSTATUS(st));
fail:
	e = errno;
	if (err != NULL)
		(void)vbuf_printf(err, "%s: %s", path, strerror(e));
	errno = e;
	return (-1);
}
