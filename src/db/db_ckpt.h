/*
 * db_ckpt.h - the WAL's checkpoints in a thread of their own
 *
 * Owns: one thread and its own connection that copy a busy writer's WAL
 * into the database, so that the writer's commits never wait for it.
 * A checkpoint syncs the WAL and then the database (some 4 MB each time
 * the WAL passes 1000 pages); made by the commit that passed the mark,
 * it stopped mootd's fan-out for 5 to 20 ms every 800 copies or so, the
 * relay idle meanwhile (bench/PROFILE.md, "Checkpoints").  Nothing about
 * what a commit guarantees changes: a checkpoint only moves committed
 * pages, and the commits sync as before.
 */
#ifndef DB_CKPT_H
#define DB_CKPT_H

struct db;
struct db_ckpt;
struct vbuf;

/*
 * db_ckpt_start - from now on, the checkpoints of w's WAL are made by a
 * thread with its own connection to the same file.  w's commits only
 * tell it; should the WAL still grow far past the mark (the thread held
 * up), w's commits checkpoint it themselves.  NULL with the reason in
 * err when the thread cannot start: w then checkpoints as before.  The
 * result is the caller's to db_ckpt_stop() before w is closed.
 */
struct db_ckpt *db_ckpt_start(struct db *w, struct vbuf *err);
/* db_ckpt_now - ask for a checkpoint now whatever the WAL holds (mootd
 * when idle); returns at once */
void	db_ckpt_now(struct db_ckpt *);
/* db_ckpt_stop - end the thread (after a checkpoint in progress), close
 * its connection and give w back its own checkpoints; NULL-safe */
void	db_ckpt_stop(struct db_ckpt **);

#endif /* DB_CKPT_H */
