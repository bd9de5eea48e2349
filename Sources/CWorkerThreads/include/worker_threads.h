// A small pool of worker threads that wait for work by spinning briefly before they sleep, so that
// the many short parallel loops of a training step (a few tens of microseconds each) find them
// awake. Waking a sleeping thread costs tens of microseconds on a virtual machine, about as long as
// the loop itself.
#ifndef WORKER_THREADS_H
#define WORKER_THREADS_H

/// One piece of a parallel loop: `index` runs from 0 to the loop's count minus one.
typedef void (*worker_threads_task)(void *context, long index);

/// Runs task(context, i) for every i in 0..<count, on the calling thread and up to threads - 1
/// workers; returns when all have finished. The indices are shared out in contiguous runs, one per
/// thread (the caller's first); each thread takes its own run in order, then the indices left in
/// the others' runs. Runs everything on
/// the calling thread when threads <= 1, count <= 1, or another loop is using the workers (a loop
/// started from inside a task, or from a second thread at the same time).
void worker_threads_run(long count, int threads, worker_threads_task task, void *context);

/// How many loops have run on more than one thread, and how many ran on the calling thread alone
/// because the workers were busy (for tests).
void worker_threads_statistics(long *shared, long *alone_because_busy);

#endif
