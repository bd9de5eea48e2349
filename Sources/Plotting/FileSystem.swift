// The file operations of figure writing (stat, mkdir, rename, unlink, errno): POSIX, not libm, so
// the C library is imported here for each platform. The signal handlers that remove temporary
// files (InFlightTemporaryFiles) and the sweep of stale ones (StaleTemporaryFiles) import it too.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations figure writing needs, with errors that name the path and the cause.
enum FileSystem {
    /// The folder part of `path` ("." for a bare file name).
    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Whether `path` names an existing folder.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The text of the current `errno`.
    static func lastError() -> String {
        String(cString: strerror(errno))
    }

    /// Creates `folder` and any missing parents; errors mention `target`, the file being written.
    static func createFolders(_ folder: String, forWriting target: String) throws {
        if isFolder(folder) { return }
        if exists(folder) {
            throw PlotError.cannotWrite(path: target, reason: "'\(folder)' exists and is not a folder")
        }
        let parent = parentFolder(of: folder)
        if parent != folder { try createFolders(parent, forWriting: target) }
        if mkdir(folder, 0o755) != 0 && !isFolder(folder) {
            throw PlotError.cannotWrite(path: target, reason: "cannot create folder '\(folder)': \(lastError())")
        }
    }

    /// A fresh temporary file name in the same folder as `path`: `.NAME.PID.tmp`, the form
    /// `StaleTemporaryFiles` recognises.
    static func temporaryPath(beside path: String) -> String {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "\(folder)/.\(name).\(getpid()).tmp"
    }

    /// Removes a file, ignoring errors.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Renames `source` over `destination` in one step.
    static func rename(_ source: String, to destination: String) throws {
        #if canImport(Glibc)
        let status = Glibc.rename(source, destination)
        #elseif canImport(Musl)
        let status = Musl.rename(source, destination)
        #else
        let status = Darwin.rename(source, destination)
        #endif
        if status != 0 {
            let reason = lastError()
            remove(source)
            throw PlotError.cannotWrite(path: destination, reason: "cannot rename the temporary file: \(reason)")
        }
    }
}
