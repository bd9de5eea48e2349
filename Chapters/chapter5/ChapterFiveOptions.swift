import Notebook

/// Chapter 5's command line: the common options and `--full`.
struct ChapterFiveOptions: ChapterOptions {
    @OptionGroup var notebook: NotebookOptions

    /// Train at the article's sizes (embedding 200, hidden 256, 2 layers, dropout 0.5) and for longer.
    @Flag(help: "Train at the article's sizes (vocabulary 100, embedding 200, hidden 256, 2 layers, dropout 0.5); takes hours.")
    var full = false
}
