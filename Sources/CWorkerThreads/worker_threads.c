// The worker pool behind worker_threads_run: workers are started on first use and live as long as
// the process. A loop is published under a mutex; workers spin on a generation counter for a
// while (SPIN_NANOSECONDS) after each loop, then sleep on a condition variable.
#include "worker_threads.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sched.h>
#include <time.h>

enum { MAXIMUM_WORKERS = 63 };
static const long SPIN_NANOSECONDS = 200000;

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static atomic_flag busy = ATOMIC_FLAG_INIT;
static int started_workers = 0;          // under mutex
static int sleeping_workers = 0;         // under mutex

// The loop being run: written under mutex by the caller, read under mutex by a joining worker.
static atomic_long generation = 0;
static worker_threads_task job_task;
static void *job_context;
static int job_participants;             // workers still allowed to join (under mutex)
static int job_finished = 1;             // set once every index is done (under mutex)
static int job_shares;                   // participants the indices were shared out among
static int joined_participants;          // participants so far, the caller included (under mutex)
// Participant p's share is the indices [count·p/shares, count·(p+1)/shares): it takes those first,
// in order, then helps with the others' shares. The caller is always participant 0 and a lone
// worker always participant 1, so each thread finds, loop after loop, the same part of the operands
// in its own cache; a thread that starts late loses its share to the others.
static atomic_long share_next[MAXIMUM_WORKERS + 1];
static long share_end[MAXIMUM_WORKERS + 1];
static atomic_long done_indices;
static atomic_int active_workers;

static atomic_long shared_loops, busy_loops;

static inline void pause_briefly(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

// A wait that lets another thread have the processor once it has lasted a while: when the thread
// it waits for shares this processor (a virtual machine with a processor taken away, or more
// threads than processors), pausing alone would keep that thread from running.
static inline void wait_step(long *spins) {
    *spins += 1;
    if (*spins < 4096) pause_briefly();
    else sched_yield();
}

static long elapsed_nanoseconds(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000000000L + (now.tv_nsec - since->tv_nsec);
}

static void run_indices(worker_threads_task task, void *context, int participant, int shares) {
    for (int turn = 0; turn < shares; turn++) {
        int share = (participant + turn) % shares;
        for (;;) {
            long index = atomic_fetch_add_explicit(&share_next[share], 1, memory_order_relaxed);
            if (index >= share_end[share]) break;
            task(context, index);
            atomic_fetch_add_explicit(&done_indices, 1, memory_order_release);
        }
    }
}

static void *worker_main(void *unused) {
    (void)unused;
    long seen = atomic_load_explicit(&generation, memory_order_acquire);
    for (;;) {
        // Spin for a while, then sleep until a new loop is published.
        struct timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        long spins = 0;
        while (atomic_load_explicit(&generation, memory_order_acquire) == seen) {
            wait_step(&spins);
            if ((spins & 255) == 0 && elapsed_nanoseconds(&start) > SPIN_NANOSECONDS) break;
        }
        pthread_mutex_lock(&mutex);
        while (atomic_load_explicit(&generation, memory_order_relaxed) == seen) {
            sleeping_workers += 1;
            pthread_cond_wait(&wake, &mutex);
            sleeping_workers -= 1;
        }
        seen = atomic_load_explicit(&generation, memory_order_relaxed);
        int joins = !job_finished && job_participants > 0;
        worker_threads_task task = job_task;
        void *context = job_context;
        int shares = job_shares, participant = 0;
        if (joins) {
            job_participants -= 1;
            participant = joined_participants++;
            atomic_fetch_add_explicit(&active_workers, 1, memory_order_relaxed);
        }
        pthread_mutex_unlock(&mutex);
        if (!joins) continue;
        run_indices(task, context, participant, shares);
        atomic_fetch_sub_explicit(&active_workers, 1, memory_order_release);
    }
    return NULL;
}

static void start_workers(int wanted) {
    if (wanted > MAXIMUM_WORKERS) wanted = MAXIMUM_WORKERS;
    while (started_workers < wanted) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        int failed = pthread_create(&thread, &attributes, worker_main, NULL);
        pthread_attr_destroy(&attributes);
        if (failed) break;
        started_workers += 1;
    }
}

void worker_threads_run(long count, int threads, worker_threads_task task, void *context) {
    if (count <= 0) return;
    if (threads <= 1 || count == 1 || atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
        if (threads > 1 && count > 1) atomic_fetch_add_explicit(&busy_loops, 1, memory_order_relaxed);
        for (long i = 0; i < count; i++) task(context, i);
        return;
    }
    int helpers = threads - 1;
    if (helpers > count - 1) helpers = (int)(count - 1);
    pthread_mutex_lock(&mutex);
    start_workers(helpers);
    job_task = task;
    job_context = context;
    job_participants = helpers < started_workers ? helpers : started_workers;
    job_shares = job_participants + 1;
    joined_participants = 1;
    job_finished = 0;
    for (int share = 0; share < job_shares; share++) {
        atomic_store_explicit(&share_next[share], count * share / job_shares, memory_order_relaxed);
        share_end[share] = count * (share + 1) / job_shares;
    }
    atomic_store_explicit(&done_indices, 0, memory_order_relaxed);
    atomic_fetch_add_explicit(&generation, 1, memory_order_release);
    if (sleeping_workers > 0) pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&mutex);

    run_indices(task, context, 0, job_shares);
    long spins = 0;
    while (atomic_load_explicit(&done_indices, memory_order_acquire) < count) wait_step(&spins);
    pthread_mutex_lock(&mutex);
    job_finished = 1;
    pthread_mutex_unlock(&mutex);
    // A worker that joined may still be between its last index and leaving: wait for it, so that
    // the next loop's counters are not touched by this one's workers.
    while (atomic_load_explicit(&active_workers, memory_order_acquire) > 0) wait_step(&spins);
    atomic_fetch_add_explicit(&shared_loops, 1, memory_order_relaxed);
    atomic_flag_clear_explicit(&busy, memory_order_release);
}

void worker_threads_statistics(long *shared, long *alone_because_busy) {
    if (shared) *shared = atomic_load_explicit(&shared_loops, memory_order_relaxed);
    if (alone_because_busy) *alone_because_busy = atomic_load_explicit(&busy_loops, memory_order_relaxed);
}
