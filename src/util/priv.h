/*
 * priv.h - giving up root
 *
 * Owns: the order of dropping privileges (look the user up, setgroups,
 * setgid, setuid, then make sure root cannot come back: style P3),
 * handing moot's state folder to that user when root creates it, and
 * opening the files a daemon owns without following links.
 */
#ifndef PRIV_H
#define PRIV_H

#include <sys/types.h>

struct vbuf;

/* priv_lookup - uid and gid of user; -1 with a reason if unknown */
int	priv_lookup(const char *user, uid_t *, gid_t *, struct vbuf *err);

/* priv_drop - become user for good; -1 with a reason */
int	priv_drop(const char *user, struct vbuf *err);

/*
 * priv_open - open(2) path for a file a daemon owns (a lock, a pid
 * file), never through a symbolic link and only a plain file with one
 * name: whoever can write its folder cannot point a daemon that is
 * still root at another file (threat G2).  Give no O_TRUNC: it would
 * empty the file before it is checked.  -1 with errno.
 */
int	priv_open(const char *path, int flags, mode_t mode);

/* priv_write_pid - the process id into path, through priv_open(); a
 * warning in the log if it cannot */
void	priv_write_pid(const char *path);

#endif /* PRIV_H */
