// What every page of the book shares: the document head and the one style sheet, inline so that a
// page opens offline, from the file system or any static host, with nothing else beside it.

/// The head of every page and the book's style sheet.
enum PageShell {
    /// `<!DOCTYPE html>` up to the opening `<body>`, with the title and the style sheet.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <style>
        \(styleSheet)</style>
        </head>
        <body>

        """
    }

    /// The book's only style sheet: system fonts, a readable measure, light and dark colours.
    static let styleSheet = """
        :root { color-scheme: light dark; --text: #1d1f23; --muted: #5a5f69; --back: #fdfdfc;
          --panel: #f2f3f5; --rule: #d8dbe0; --link: #1f5fbf; --pass: #1b7a3a; --fail: #b3261e; }
        @media (prefers-color-scheme: dark) {
          :root { --text: #e6e7ea; --muted: #a5aab3; --back: #15171a; --panel: #20242a; --rule: #363b44;
            --link: #7fb0ff; --pass: #5cc97f; --fail: #ff8a80; }
          img { background: #ffffff; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--back); color: var(--text);
          font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        main, footer, nav.book { max-width: 46rem; margin: 0 auto; padding: 0 1.1rem; }
        nav.book { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; padding-top: 0.8rem; padding-bottom: 0.8rem;
          font-size: 0.92rem; }
        footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; color: var(--muted);
          font-size: 0.92rem; }
        footer nav.book { padding-left: 0; padding-right: 0; }
        a { color: var(--link); }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.2rem 0 0.8rem; }
        h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.4rem 0 0.6rem; border-bottom: 1px solid var(--rule);
          padding-bottom: 0.2rem; }
        h3 { font-size: 1.15rem; margin: 1.8rem 0 0.4rem; }
        p, ul, ol { margin: 0.7rem 0; }
        p, li, figcaption { overflow-wrap: break-word; }
        code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
          font-size: 0.88em; }
        p code, li code, figcaption code, td code { background: var(--panel); padding: 0.05em 0.3em;
          border-radius: 3px; white-space: nowrap; }
        code.long { white-space: normal; overflow-wrap: anywhere; }
        pre { background: var(--panel); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
        nav.contents { background: var(--panel); border-radius: 6px; padding: 0.2rem 1.2rem 0.6rem; margin: 1.5rem 0; }
        nav.contents h2 { border: 0; font-size: 1.05rem; margin: 0.8rem 0 0.2rem; }
        nav.contents ul { list-style: none; padding-left: 0; margin: 0.3rem 0; }
        ul.checks { list-style: none; padding-left: 0; }
        ul.checks li { padding-left: 1.5rem; text-indent: -1.5rem; margin: 0.25rem 0; overflow-wrap: anywhere; }
        .mark { display: inline-block; width: 1.5rem; text-indent: 0; font-weight: 700; }
        .pass .mark, tr.pass td:last-child, .verdict.pass { color: var(--pass); }
        .fail .mark, tr.fail td:last-child, .verdict.fail { color: var(--fail); }
        .number { font-variant-numeric: tabular-nums; }
        .verdict { font-weight: 700; }
        p.run { color: var(--muted); font-size: 0.92rem; }
        p.timing { color: var(--muted); font-size: 0.92rem; font-style: italic; }
        figure { margin: 1.4rem 0; }
        figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 4px; }
        figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.4rem; text-align: center; }
        figcaption .file { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85em; }
        div.table { overflow-x: auto; margin: 1rem 0; }
        table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
        th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { font-weight: 600; }
        td:last-child { white-space: nowrap; }
        table.chapters td { padding: 0.8rem 0.6rem; }
        table.chapters td:first-child { width: 50%; }
        table.chapters td p { margin: 0.2rem 0 0.5rem; }
        table.chapters p.chapter { font-weight: 600; font-size: 1.05rem; }
        table.chapters img { width: 100%; height: auto; display: block; border-radius: 4px; }
        @media (max-width: 600px) {
          body { font-size: 16px; }
          h1 { font-size: 1.55rem; }
          table.chapters, table.chapters tbody, table.chapters tr, table.chapters td { display: block; width: 100%; }
          table.chapters thead { display: none; }
          table.chapters tr { border-bottom: 1px solid var(--rule); padding: 0.6rem 0; }
          table.chapters td, table.chapters td:first-child { border: 0; padding: 0.2rem 0; width: 100%; }
        }

        """
}
