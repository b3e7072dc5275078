/*
 * priv.h - giving up root
 *
 * Owns: the order of dropping privileges (look the user up, setgroups,
 * setgid, setuid, then make sure root cannot come back: style P3), and
 * handing moot's state folder to that user when root creates it.
 */
#ifndef PRIV_H
#define PRIV_H

#include <sys/types.h>

struct vbuf;

/* priv_lookup - uid and gid of user; -1 with a reason if unknown */
int	priv_lookup(const char *user, uid_t *, gid_t *, struct vbuf *err);

/* priv_drop - become user for good; -1 with a reason */
int	priv_drop(const char *user, struct vbuf *err);

#endif /* PRIV_H */
