// The book's front page, `Figures/index.html`: the title, the chapters and how to run each one.

import Foundation

/// The index page of the whole book, written beside the chapters' folders.
public enum BookIndexPage {
    /// The page as HTML: one row per chapter with its link, figure, summary and command.
    public static var html: String {
        var out = PageShell.head(title: BookContents.title)
        out += "<main>\n<h1>\(HTMLText.escaped(BookContents.title))</h1>\n"
        out += """
            <p>Each chapter is a program: it prints its explanation as it runs, checks every formula it \
            states on numbers (gradient checks, identities, closed forms), trains real models and draws \
            its figures. These pages are what the chapters wrote when they last ran in full with seed 42; \
            every check on them was measured in that run.</p>
            <p>To run a chapter yourself you need Swift 6 and libpng; from the package's folder, \
            <code>swift run chapter1</code> runs chapter 1 (add <code>--quick</code> for a run in seconds), \
            and <code>swift test</code> runs every test.</p>

            """
        out += "<h2>Chapters</h2>\n<div class=\"table\">\n<table class=\"chapters\">\n"
        out += "<thead><tr><th scope=\"col\">chapter</th><th scope=\"col\">a figure from it</th></tr></thead>\n<tbody>\n"
        for chapter in BookContents.chapters {
            let link = "\(chapter.folder)/index.html"
            out += "<tr>\n<td>\n<p class=\"chapter\"><a href=\"\(link)\">Chapter \(chapter.number). "
                + "\(HTMLText.escaped(chapter.title))</a></p>\n"
            out += "<p>\(HTMLText.inline(chapter.summary))</p>\n"
            out += "<p class=\"run\">Run it: <code>swift run \(chapter.folder)</code></p>\n</td>\n"
            out += "<td><a href=\"\(link)\"><img src=\"\(chapter.folder)/\(HTMLText.escaped(chapter.figure))\" "
                + "alt=\"\(HTMLText.escaped(chapter.figureDescription))\"></a></td>\n</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// The folder the index page is written to: the parent of the chapter folder `folder`, when
    /// that folder is named after its chapter (`…/chapterN`); nil for any other folder.
    public static func bookFolder(forChapterFolder folder: String, chapter: Int) -> String? {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        guard url.lastPathComponent == "chapter\(chapter)" else { return nil }
        let parent = (folder as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

}
