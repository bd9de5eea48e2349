// The folder the figures go to: made and proven writable before the chapter starts.

import Foundation

/// The figures folder of a run, with paths for its files as the reader should see them.
public struct FigureFolder: Sendable {
    /// The folder as given (relative to the current directory, or absolute).
    public let path: String

    /// Creates the folder if needed and proves it writable by creating and removing a probe file.
    ///
    /// Throws a one-line message naming the folder and the reason when it cannot.
    public static func prepare(_ path: String) throws -> FigureFolder {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw FigureFolderError(description: "the figures folder '\(path)' is a file, not a folder")
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FigureFolderError(description: "cannot create the figures folder '\(path)'")
        }
        let probe = (path as NSString).appendingPathComponent(".write-probe-\(ProcessInfo.processInfo.processIdentifier)")
        guard manager.createFile(atPath: probe, contents: Data("probe".utf8)) else {
            throw FigureFolderError(description: "cannot write into the figures folder '\(path)'")
        }
        try? manager.removeItem(atPath: probe)
        return FigureFolder(path: path)
    }

    /// The full path of a file in the folder, as it is opened.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// `path` as the reader should see it: relative to the current directory when inside it.
    public static func displayed(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// Why the figures folder cannot be used.
public struct FigureFolderError: Error, CustomStringConvertible, Sendable {
    /// One line naming the folder and the problem.
    public var description: String
}
