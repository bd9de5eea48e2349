// Temporary figure files left by runs that were killed mid-write (SIGKILL, a crash, a power cut),
// which no handler could remove: the next run that writes into the same folder removes them.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the `.NAME.PID.tmp` files of figure writers that are no longer running.
///
/// A figure goes to `.NAME.PID.tmp` beside it before being renamed (see `FileSystem.temporaryPath`).
/// A file of that form whose PID names no running process (`kill(pid, 0)` fails with ESRCH) can
/// only be the leftover of an interrupted run. Files of running processes, this one included, are
/// kept. Each folder is swept once per run.
enum StaleTemporaryFiles {
    /// The folders swept so far, read and written under `InFlightTemporaryFiles.lock`.
    nonisolated(unsafe) private static var sweptFolders = Set<String>()

    /// Sweeps `folder` unless this run has swept it already.
    static func removeOnce(in folder: String) {
        InFlightTemporaryFiles.lock.lock()
        let first = sweptFolders.insert(folder).inserted
        InFlightTemporaryFiles.lock.unlock()
        if first { remove(in: folder) }
    }

    /// Removes every stale temporary file of `folder`; returns the names removed.
    @discardableResult
    static func remove(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard let pid = writerProcess(ofTemporaryName: name), !isRunning(pid) else { continue }
            if unlink(folder + "/" + name) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }

    /// The PID in a name of the form `.NAME.PID.tmp` (NAME not empty), or nil for any other name.
    static func writerProcess(ofTemporaryName name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let middle = name.dropFirst().dropLast(4)                 // NAME.PID
        guard let dot = middle.lastIndex(of: "."), dot > middle.startIndex else { return nil }
        let digits = middle[middle.index(after: dot)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let pid = pid_t(digits), pid > 0 else { return nil }
        return pid
    }

    /// Whether a process with this PID exists (a process of another user counts as running).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}
