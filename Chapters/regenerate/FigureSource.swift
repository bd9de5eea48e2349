// The programs the book's committed figures come from.

/// One program the book's figures come from, and how to run it into a folder.
struct FigureSource: Sendable {
    /// The executable's name, e.g. "chapter2"; also the name of its folder in Figures/.
    var name: String
    /// The arguments that make it write its full-size figures into a folder.
    var arguments: @Sendable (String) -> [String]

    /// Every chapter in its full form with the default seed, then the plotting gallery.
    static let all: [FigureSource] = (1...7).map { n in FigureSource(name: "chapter\(n)") { ["--figures", $0] } }
        + [FigureSource(name: "gallery") { [$0] }]
}
