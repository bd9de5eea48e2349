// The stop of a training run whose loss is no longer a number: one line on standard error and exit
// status 1, through POSIX calls only (a FileHandle write traps when standard error is closed).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the program because training `what` diverged: its loss at `step` is NaN or infinite.
///
/// Writes one line naming what was trained, the step, the loss and the learning rate to standard
/// error, e.g. `error: training the copy model diverged at step 3: loss nan with learning rate 1e+20
/// (try a smaller learning rate)`, and exits with status 1, with no backtrace: a diverged run is a
/// bad setting, not a bug. When two threads diverge at once, only the first one writes and exits.
/// Training loops call it when `loss.isFinite` fails, once per step.
public func stopDivergedTraining(_ what: String, step: Int, loss: Double, learningRate: Double) -> Never {
    DivergedTrainingStop.lock.lock()    // never released: the process ends while holding it
    let lossText = loss.isNaN ? "nan" : "\(loss)"        // not "-nan" for a NaN with its sign bit set
    let line = "error: training \(what) diverged at step \(step): loss \(lossText) with learning rate "
        + "\(learningRate) (try a smaller learning rate)\n"
    if isatty(1) == 1 && isatty(2) == 1 { DivergedTrainingStop.writeToStandardError("\n") }  // leave a live progress line
    DivergedTrainingStop.writeToStandardError(line)
    exit(1)
}

/// The lock that lets one diverged run speak, and the write to standard error.
enum DivergedTrainingStop {
    /// Taken by the first thread that stops; any other waits for the process to end.
    static let lock = SystemLock()

    /// Writes all of `text` to file descriptor 2 with write(2), ignoring errors (a closed stream).
    static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + written, $0.count - written) }
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { return }
            written += result
        }
    }
}

/// A pthread mutex at a fixed address that lives as long as the program: for the rare stop that
/// two threads may reach at once, and for the plotting library's table of files being written.
public final class SystemLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Allocates and initialises the mutex.
    public init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    /// Waits for and takes the mutex.
    public func lock() { pthread_mutex_lock(mutex) }
    /// Releases the mutex.
    public func unlock() { pthread_mutex_unlock(mutex) }
}
