// The chapter as a web page: recorded block by block while it runs, written beside its figures.

import Foundation

/// One block of a chapter page, in the order the chapter printed it.
enum PageBlock: Equatable {
    case heading(level: Int, text: String, anchor: String?)
    case paragraph(String)
    case preformatted(String)
    case list([String])
    case check(CheckRecord)
    case figure(name: String, caption: String, width: Int?, height: Int?)
    case runSummary(String)
    case timing
    case checkTable([CheckRecord])
    case verdict(passed: Bool, text: String)
}

/// A chapter's HTML page: self-contained (one inline style sheet, no scripts, no external
/// resources), with a table of contents and links to the neighbouring chapters.
public struct ChapterPage: Sendable {
    /// The chapter's number.
    public let chapter: Int
    /// The chapter's title.
    public let title: String
    private(set) var blocks: [PageBlock] = []

    /// An empty page for chapter `chapter`.
    public init(chapter: Int, title: String) {
        self.chapter = chapter
        self.title = title
    }

    mutating func append(_ block: PageBlock) {
        blocks.append(block)
    }

    /// The width and height of the PNG file at `path`, read from its header; nil if it is not one.
    static func pngSize(atPath path: String) -> (width: Int, height: Int)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 24), header.count == 24,
              header.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        let bytes = [UInt8](header)
        func integer(at offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        return (integer(at: 16), integer(at: 20))
    }

    /// The whole page as HTML.
    public var html: String {
        let (previous, next) = BookContents.neighbours(of: chapter)
        let heading = "Chapter \(chapter) — \(title)"
        var out = PageShell.head(title: "\(heading) · \(BookContents.title)")
        out += "<nav class=\"book\" aria-label=\"Chapters\">\n" + navigation(previous: previous, next: next) + "</nav>\n"
        out += "<main>\n"
        var body = ""
        var tableOfContents: [(anchor: String, text: String)] = []
        var openList = false
        var sectionOpen = false
        for block in blocks {
            if case .check = block {} else if openList {
                body += "</ul>\n"
                openList = false
            }
            switch block {
            case .heading(let level, let text, let anchor):
                if level == 2 {
                    if sectionOpen { body += "</section>\n" }
                    body += "<section" + (anchor.map { " id=\"\($0)\"" } ?? "") + ">\n"
                    sectionOpen = true
                    if let anchor { tableOfContents.append((anchor, text)) }
                }
                let id = level == 2 ? "" : anchor.map { " id=\"\($0)\"" } ?? ""
                body += "<h\(level)\(id)>\(HTMLText.escaped(text))</h\(level)>\n"
            case .paragraph(let text):
                body += "<p>\(HTMLText.inline(text))</p>\n"
            case .preformatted(let text):
                body += "<pre><code>\(HTMLText.escaped(text))</code></pre>\n"
            case .list(let items):
                body += "<ul>\n" + items.map { "<li>\(HTMLText.inline($0))</li>\n" }.joined() + "</ul>\n"
            case .check(let check):
                if !openList {
                    body += "<ul class=\"checks\">\n"
                    openList = true
                }
                body += checkItem(check)
            case .figure(let name, let caption, let width, let height):
                var size = ""
                if let width, let height { size = " width=\"\(width)\" height=\"\(height)\"" }
                body += "<figure>\n<img src=\"\(HTMLText.escaped(name))\" alt=\"\(HTMLText.escaped(caption))\"\(size)>\n"
                body += "<figcaption><span class=\"file\">\(HTMLText.escaped(name))</span> "
                    + "\(HTMLText.inline(caption))</figcaption>\n</figure>\n"
            case .runSummary(let text):
                body += "<p class=\"run\">\(HTMLText.escaped(text))</p>\n"
            case .timing:
                body += "<p class=\"timing\">A time measured by the run was printed here; it is kept in "
                    + "<code>timings.md</code>, not in this page, because it differs from run to run.</p>\n"
            case .checkTable(let checks):
                body += checkTable(checks)
            case .verdict(let passed, let text):
                body += "<p class=\"verdict \(passed ? "pass" : "fail")\">\(passed ? "✓" : "✗") \(HTMLText.escaped(text))</p>\n"
            }
        }
        if openList { body += "</ul>\n" }
        if sectionOpen { body += "</section>\n" }
        // The title and summary come before the first section; the contents follow them.
        let cut = body.range(of: "<section")?.lowerBound ?? body.endIndex
        let opening = body[..<cut], rest = body[cut...]
        out += opening
        if !tableOfContents.isEmpty {
            // The headings carry their own numbers, so the list does not add any.
            out += "<nav class=\"contents\" aria-label=\"Sections\">\n<h2>Sections</h2>\n<ul>\n"
            out += tableOfContents.map { "<li><a href=\"#\($0.anchor)\">\(HTMLText.escaped($0.text))</a></li>\n" }.joined()
            out += "</ul>\n</nav>\n"
        }
        out += rest
        out += "</main>\n<footer>\n<p>Run this chapter yourself: <code>swift run chapter\(chapter)</code> "
            + "(add <code>--quick</code> for a run in seconds, <code>--exercises</code> to grade the exercises).</p>\n"
        out += "<nav class=\"book\" aria-label=\"Chapters, again\">\n" + navigation(previous: previous, next: next) + "</nav>\n"
        out += "</footer>\n</body>\n</html>\n"
        return out
    }

    /// Links to the book's contents and to the previous and next chapters.
    func navigation(previous: BookChapter?, next: BookChapter?) -> String {
        var links = ["<a href=\"../index.html\">Contents</a>"]
        if let previous {
            links.append("<a href=\"../\(previous.folder)/index.html\" rel=\"prev\">← Chapter \(previous.number): "
                + "\(HTMLText.escaped(previous.title))</a>")
        }
        if let next {
            links.append("<a href=\"../\(next.folder)/index.html\" rel=\"next\">Chapter \(next.number): "
                + "\(HTMLText.escaped(next.title)) →</a>")
        }
        return links.map { "  \($0)\n" }.joined()
    }

    /// One check as a list item: the mark, the name, and what was measured against what.
    func checkItem(_ check: CheckRecord) -> String {
        let mark = check.passed ? "✓" : "✗"
        var detail = ""
        if check.tolerance.isEmpty {
            if !check.measured.isEmpty { detail = " — \(HTMLText.escaped(check.measured))" }
        } else {
            detail = " — measured <span class=\"number\">\(HTMLText.escaped(check.measured))</span> "
                + "\(check.passed ? "≤" : "&gt;") tolerance <span class=\"number\">\(HTMLText.escaped(check.tolerance))</span>"
        }
        return "<li class=\"\(check.passed ? "pass" : "fail")\"><span class=\"mark\" aria-label=\"\(check.passed ? "passed" : "failed")\">"
            + "\(mark)</span> \(HTMLText.escaped(check.name))\(detail)</li>\n"
    }

    /// The table of every check, scrollable sideways on a narrow screen.
    func checkTable(_ checks: [CheckRecord]) -> String {
        var out = "<div class=\"table\">\n<table>\n<thead><tr><th scope=\"col\">check</th><th scope=\"col\">measured</th>"
            + "<th scope=\"col\">tolerance</th><th scope=\"col\">result</th></tr></thead>\n<tbody>\n"
        for check in checks {
            out += "<tr class=\"\(check.passed ? "pass" : "fail")\"><td>\(HTMLText.escaped(check.name))</td>"
                + "<td>\(HTMLText.escaped(check.measured))</td>"
                + "<td>\(check.tolerance.isEmpty ? "—" : HTMLText.escaped(check.tolerance))</td>"
                + "<td>\(check.passed ? "✓ pass" : "✗ fail")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }
}
