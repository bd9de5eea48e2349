// Comparing a freshly written figures folder with the committed one, byte for byte.

import Foundation

/// The differences between the files a run wrote and the files committed for it.
public struct FolderComparison: Equatable, Sendable {
    /// Files present in both folders whose bytes differ, with the first differing line of a text file.
    public var changed: [(name: String, detail: String)]
    /// Files the run wrote that are not committed.
    public var added: [String]
    /// Committed files the run no longer writes.
    public var missing: [String]

    /// Whether the two folders hold the same files with the same bytes.
    public var isEmpty: Bool { changed.isEmpty && added.isEmpty && missing.isEmpty }

    /// The hidden file in a figures folder that names the figures drawn from measured times, one per line.
    public static let measuredListName = ".measured"

    /// The names `folder`'s `.measured` list holds (none when it has none).
    public static func measuredFigures(in folder: String) -> Set<String> {
        let path = (folder as NSString).appendingPathComponent(measuredListName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// Compares the regular files of `produced` with those of `committed`, ignoring the names in
    /// `ignoring` (e.g. `timings.md`, which differs on every run), the figures either folder's
    /// `.measured` list names (drawn from measured times) and hidden files.
    public static func compare(produced: String, committed: String, ignoring: Set<String> = []) -> FolderComparison {
        let ignoring = ignoring.union(measuredFigures(in: produced)).union(measuredFigures(in: committed))
        let new = files(in: produced, ignoring: ignoring), old = files(in: committed, ignoring: ignoring)
        var changed: [(String, String)] = []
        for name in new.intersection(old).sorted() {
            let a = FileManager.default.contents(atPath: (produced as NSString).appendingPathComponent(name))
            let b = FileManager.default.contents(atPath: (committed as NSString).appendingPathComponent(name))
            if a != b { changed.append((name, describeDifference(a ?? Data(), b ?? Data(), name: name))) }
        }
        return FolderComparison(changed: changed, added: new.subtracting(old).sorted(),
                                missing: old.subtracting(new).sorted())
    }

    /// The names of the visible regular files in `folder` (none when it does not exist).
    static func files(in folder: String, ignoring: Set<String>) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Set(names.filter { name in
            var isFolder: ObjCBool = false
            let path = (folder as NSString).appendingPathComponent(name)
            return !name.hasPrefix(".") && !ignoring.contains(name)
                && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        })
    }

    /// "line 55: committed `…` / now `…`" for text files, "N bytes now, M committed" otherwise.
    static func describeDifference(_ produced: Data, _ committed: Data, name: String) -> String {
        if name.hasSuffix(".md") || name.hasSuffix(".txt") {
            let new = String(decoding: produced, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let old = String(decoding: committed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for index in 0..<max(new.count, old.count) {
                let a = index < new.count ? String(new[index]) : "(end of file)"
                let b = index < old.count ? String(old[index]) : "(end of file)"
                if a != b { return "line \(index + 1): committed \"\(b.prefix(120))\", now \"\(a.prefix(120))\"" }
            }
        }
        let firstDifference = zip(produced, committed).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(produced.count, committed.count)
        return "\(produced.count) bytes now, \(committed.count) committed; first difference at byte \(firstDifference)"
    }

    public static func == (lhs: FolderComparison, rhs: FolderComparison) -> Bool {
        lhs.changed.map(\.name) == rhs.changed.map(\.name) && lhs.changed.map(\.detail) == rhs.changed.map(\.detail)
            && lhs.added == rhs.added && lhs.missing == rhs.missing
    }
}
