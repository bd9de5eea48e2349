// The Markdown record of a run, written beside the figures.

import Foundation

/// Collects the chapter as Markdown while it runs and writes it atomically at the end.
public struct Transcript: Sendable {
    /// The Markdown blocks so far, each one a paragraph, heading, list item group or code block.
    public private(set) var blocks: [String] = []
    private var lastBlockIsCheckList = false

    /// An empty transcript.
    public init() {}

    /// Appends a block of Markdown.
    public mutating func append(_ block: String) {
        blocks.append(block)
        lastBlockIsCheckList = false
    }

    /// Appends a check's line as a list item; consecutive checks share one list.
    public mutating func appendCheck(_ line: String) {
        if lastBlockIsCheckList, let last = blocks.popLast() {
            blocks.append(last + "\n- " + line)
        } else {
            blocks.append("- " + line)
        }
        lastBlockIsCheckList = true
    }

    /// Appends text as a fenced block, kept exactly as written.
    public mutating func appendVerbatim(_ text: String) {
        append("```text\n\(text)\n```")
    }

    /// The whole document.
    public var markdown: String {
        blocks.joined(separator: "\n\n") + "\n"
    }

    /// Writes the document to `path` by writing a temporary file beside it and renaming it,
    /// so an interrupted run never leaves half a transcript.
    public func write(to path: String) throws {
        try AtomicFile.write(Data(markdown.utf8), to: path)
    }
}

/// Writing a file by way of a temporary file and a rename.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw WriteError(description: "cannot create \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(description: "cannot rename \(temporary) to \(path): \(reason)")
        }
    }
}
