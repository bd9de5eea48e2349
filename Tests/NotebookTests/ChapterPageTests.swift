import Foundation
import Testing
@testable import Notebook

/// The chapter's web page: escaped, structured, linked and the same bytes for the same run.
@Suite struct ChapterPageTests {
    /// A small chapter with text holding every character HTML treats specially.
    func writeChapter(number: Int, folder: String) throws -> Notebook {
        let options = NotebookOptions.with(figuresFolder: folder)
        let book = try Notebook(chapter: number, title: "A <b>bold</b> & \"quoted\" title", summary: "Summary.",
                                options: options, console: .capture(), clock: { 0 })
        book.section("Scores & <weights>")
        book.prose("If a < b && b > c then 'x' is \"y\"; call `softmax(x) < 1` <script>alert(1)</script>.")
        book.subsection("Detail")
        book.code("let s = x.map { $0 < 0 ? 0 : $0 } // <not a tag> & \"quote\"")
        book.check("rows < 1 & \"sum\"", measured: 1e-12, tolerance: 1e-9)
        book.check("a boolean <check>", passed: true, detail: "max 0 & min 0")
        book.list(["item <one>", "`code & more`"])
        book.figure("plot.png", caption: "a \"caption\" with <angle> & ampersand") { path in
            try TestPNG.bytes(width: 3, height: 2).write(to: URL(fileURLWithPath: path))
        }
        book.timing("12 ms")
        _ = book.conclude()
        return book
    }

    @Test func everyTextFromTheChapterIsEscaped() throws {
        let folder = NSTemporaryDirectory() + "page-\(UUID().uuidString)/chapter3"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let html = try writeChapter(number: 3, folder: folder).page.html
        #expect(!html.contains("<script"), "a script tag from the prose reached the page")
        #expect(!html.contains("<b>") && !html.contains("<weights>") && !html.contains("<angle>"))
        #expect(html.contains("Chapter 3 — A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title"))
        #expect(html.contains("If a &lt; b &amp;&amp; b &gt; c then &#39;x&#39; is &quot;y&quot;"))
        #expect(html.contains("<code>softmax(x) &lt; 1</code>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<pre><code>let s = x.map { $0 &lt; 0 ? 0 : $0 } // &lt;not a tag&gt; &amp; &quot;quote&quot;</code></pre>"))
        #expect(html.contains("rows &lt; 1 &amp; &quot;sum&quot;"))
        #expect(html.contains("alt=\"a &quot;caption&quot; with &lt;angle&gt; &amp; ampersand\""))
        #expect(html.contains("<li><code>code &amp; more</code></li>"))
    }

    @Test func thePageIsWrittenBesideTheTranscriptWithItsStructure() throws {
        let root = NSTemporaryDirectory() + "page-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try writeChapter(number: 3, folder: root + "/chapter3")
        let html = try String(contentsOfFile: root + "/chapter3/index.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("http"))
        // Headings never skip a level, and the table of contents points at real sections.
        let levels = html.components(separatedBy: "<h").dropFirst().compactMap { Int(String($0.prefix(1))) }
        #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1)
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "\(levels)")
        #expect(html.contains("<a href=\"#section-1\">1. Scores &amp; &lt;weights&gt;</a>"))
        #expect(html.contains("<section id=\"section-1\">"))
        #expect(html.contains("<h3 id=\"section-1-1\">1.1 Detail</h3>"))
        // The figure carries its caption as alt text and its size from the PNG header.
        #expect(html.contains("<img src=\"plot.png\" alt=\"a &quot;caption&quot; with &lt;angle&gt; &amp; ampersand\" width=\"3\" height=\"2\">"))
        // Neighbours and the book's contents.
        #expect(html.contains("href=\"../chapter2/index.html\" rel=\"prev\""))
        #expect(html.contains("href=\"../chapter4/index.html\" rel=\"next\""))
        #expect(html.contains("href=\"../index.html\""))
        #expect(html.contains("<p class=\"timing\">") && !html.contains("12 ms"))
        #expect(html.contains("<p class=\"verdict pass\">✓ all 2 checks passed</p>"))
        // The folder is named after its chapter, so the book's index is written beside it.
        let index = try String(contentsOfFile: root + "/index.html", encoding: .utf8)
        for chapter in BookContents.chapters {
            #expect(index.contains("<a href=\"\(chapter.folder)/index.html\">Chapter \(chapter.number)."))
            #expect(index.contains("<img src=\"\(chapter.folder)/\(chapter.figure)\" alt=\""))
        }
    }

    @Test func theFirstAndLastChaptersLinkOnlyOneWay() throws {
        let first = ChapterPage(chapter: BookContents.chapters.first!.number, title: "t").html
        let last = ChapterPage(chapter: BookContents.chapters.last!.number, title: "t").html
        #expect(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""))
        #expect(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
    }

    @Test func theSameRunWritesTheSameBytes() throws {
        let root = NSTemporaryDirectory() + "page-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = try writeChapter(number: 2, folder: root + "/a/chapter2").page.html
        let b = try writeChapter(number: 2, folder: root + "/b/chapter2").page.html
        #expect(a == b)
    }

    @Test func theIndexGoesBesideChapterFoldersOnly() {
        #expect(BookIndexPage.bookFolder(forChapterFolder: "Figures/chapter3", chapter: 3) == "Figures")
        #expect(BookIndexPage.bookFolder(forChapterFolder: "chapter3", chapter: 3) == ".")
        #expect(BookIndexPage.bookFolder(forChapterFolder: "/tmp/figures", chapter: 3) == nil)
        #expect(BookIndexPage.bookFolder(forChapterFolder: "out/chapter4", chapter: 3) == nil)
    }

    @Test func inlineCodeNeedsAPairOfBackticks() {
        #expect(HTMLText.inline("a `b` c `d") == "a <code>b</code> c `d")
        #expect(HTMLText.inline("no code <here>") == "no code &lt;here&gt;")
        // Long code may wrap on a phone; short code stays on one line.
        #expect(HTMLText.inline("`Chapters/chapter5/Exercises.swift`")
                == "<code class=\"long\">Chapters/chapter5/Exercises.swift</code>")
    }
}

/// A valid PNG of the given size: signature, IHDR, one IDAT of filtered grey rows, IEND.
enum TestPNG {
    static func bytes(width: Int, height: Int) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: [UInt8]) {
            var length = UInt32(body.count).bigEndian
            data.append(Data(bytes: &length, count: 4))
            let typed = Array(type.utf8) + body
            data.append(contentsOf: typed)
            var crc = crc32(typed).bigEndian
            data.append(Data(bytes: &crc, count: 4))
        }
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        chunk("IHDR", be32(width) + be32(height) + [8, 0, 0, 0, 0])
        // A stored (uncompressed) zlib stream of the rows: filter byte 0 then grey pixels.
        let raw = [UInt8]((0..<height).flatMap { _ in [0] + [UInt8](repeating: 128, count: width) })
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let length = UInt16(raw.count)
        let stream: [UInt8] = [0x78, 0x01, 0x01, UInt8(length & 255), UInt8(length >> 8), UInt8(~length & 255), UInt8(~length >> 8)]
            + raw + be32(Int(b << 16 | a))
        chunk("IDAT", stream)
        chunk("IEND", [])
        return data
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
