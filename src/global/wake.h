/*
 * wake.h - telling mootd that there is work, without waiting for its poll
 *
 * Owns: the unix datagram socket at [mootd] wake_socket.  mootd binds it
 * and waits on it between passes; whoever stores mail (moot inject,
 * moot-milter) sends it one byte.  A lost wake-up costs only latency:
 * mootd also looks at the spool every [mootd] poll.
 */
#ifndef WAKE_H
#define WAKE_H

struct conf;

/* How long mootd --once and moot inject --wait wait at most for a
 * running mootd to finish what is due, in seconds. */
#define WAKE_WAIT_MAX_S	600

/* wake_listen - bind the socket (replacing a stale one); fd or -1 */
int	wake_listen(const struct conf *);

/* wake_wait - wait up to ms for a wake-up (or a signal); 1 if woken */
int	wake_wait(int fd, int ms);

/* wake_mootd - send a wake-up; never blocks, never fails loudly.
 * 1 if a mootd took it (or has a full queue of them: it is busy), 0
 * if none listens: no mootd runs, so the work waits for one. */
int	wake_mootd(const struct conf *);
/* wake_listening - 1 if a mootd listens for wake-ups, without waking
 * it (moot inject --wait asks while it waits) */
int	wake_listening(const struct conf *);

#endif /* WAKE_H */
