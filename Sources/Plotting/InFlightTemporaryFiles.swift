// The temporary files of figures being written, removed when Ctrl-C (SIGINT) or SIGTERM ends the
// program mid-write. The signal handler may only make async-signal-safe calls, so the paths live in
// preallocated C buffers and the handler calls unlink, signal and raise, nothing else.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentChecks

/// The temporary files being written right now, which SIGINT and SIGTERM remove before the program dies.
///
/// `register` copies a path into a free slot of a preallocated buffer; the handlers, installed once
/// by the first `register`, unlink every path in use, restore the default disposition and raise the
/// signal again, so the program still ends "killed by SIGINT" (exit status 130 in a shell). A
/// signal that was ignored when the first figure was written (e.g. under `nohup`) stays ignored.
enum InFlightTemporaryFiles {
    /// How many files may be in flight at once (one per thread writing a figure); more go unregistered.
    static let slotCount = 16
    /// Bytes per slot: the longest path registered, plus its terminating zero.
    static let slotSize = 4096
    /// `slotCount` C strings of `slotSize` bytes; a slot whose first byte is 0 is free.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
        buffer.initialize(repeating: 0, count: slotCount * slotSize)
        return buffer
    }()
    /// Guards `taken` and the installation of the handlers (never taken by the handler).
    static let lock = SystemLock()
    /// Which slots are claimed, read and written under `lock`.
    nonisolated(unsafe) static var taken = [Bool](repeating: false, count: slotCount)
    /// Whether the handlers are installed, read and written under `lock`.
    nonisolated(unsafe) static var handlersInstalled = false

    /// Records `path` as being written; returns its slot for `unregister`, or nil if none was free.
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < slotSize, !bytes.contains(0) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if !handlersInstalled {
            _ = slots    // created before any handler can read it
            installHandler(for: SIGINT)
            installHandler(for: SIGTERM)
            handlersInstalled = true
        }
        guard let index = taken.firstIndex(of: false) else { return nil }
        taken[index] = true
        let slot = slots + index * slotSize
        withSignalsBlocked {
            // The first byte last: a handler on another thread sees either a free slot or a whole path.
            for (offset, byte) in bytes.enumerated().dropFirst() { slot[offset] = CChar(bitPattern: byte) }
            slot[bytes.count] = 0
            storeBarrier()    // the path is stored before its first byte marks the slot as in use
            slot[0] = CChar(bitPattern: bytes[0])
        }
        return index
    }

    /// Forgets the file of `slot` (renamed or removed by now).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        withSignalsBlocked { slots[slot * slotSize] = 0 }
        taken[slot] = false
    }

    /// Installs the handler for `signalNumber`, unless the signal was being ignored.
    private static func installHandler(for signalNumber: Int32) {
        let previous = signal(signalNumber, removeInFlightFilesAndRaiseAgain)
        if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
            _ = signal(signalNumber, SIG_IGN)
        }
    }

    /// Runs `body` with SIGINT and SIGTERM held back on this thread (delivered when it returns).
    private static func withSignalsBlocked(_ body: () -> Void) {
        var held = sigset_t()
        sigemptyset(&held)
        sigaddset(&held, SIGINT)
        sigaddset(&held, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        body()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A call the compiler cannot see through (it reads the signal mask), so stores before it are
    /// not moved after it.
    private static func storeBarrier() {
        var current = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &current)
    }
}

/// The SIGINT and SIGTERM handler: unlinks every registered temporary file, then dies of the signal.
///
/// Only async-signal-safe calls: unlink, signal and raise. The signal is blocked while its handler
/// runs, so the raised one is delivered, with the default disposition, as the handler returns.
private let removeInFlightFilesAndRaiseAgain: @convention(c) (Int32) -> Void = { signalNumber in
    let slots = InFlightTemporaryFiles.slots
    var index = 0
    while index < InFlightTemporaryFiles.slotCount {
        let slot = slots + index * InFlightTemporaryFiles.slotSize
        if slot[0] != 0 { _ = unlink(slot) }
        index += 1
    }
    _ = signal(signalNumber, SIG_DFL)
    _ = raise(signalNumber)
}
