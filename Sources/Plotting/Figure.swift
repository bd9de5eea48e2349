import Foundation

/// A chart that can be drawn on a canvas and written to a PNG file.
public protocol Figure {
    /// Draws the figure.
    func render() throws -> Canvas
}

extension Figure {
    /// Draws the figure and writes it as a PNG at `path`, atomically; missing folders are created.
    public func write(to path: String) throws {
        try render().write(to: path)
    }

    /// Draws the figure and writes it as a PNG at a file URL, atomically; missing folders are created.
    public func write(to url: URL) throws {
        guard url.isFileURL else {
            throw PlotError.cannotWrite(path: url.absoluteString, reason: "not a file URL")
        }
        try render().write(to: url.path)
    }
}
