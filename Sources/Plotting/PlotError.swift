/// An error from drawing or writing a figure, with a message that names the operation and the cause.
public enum PlotError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A figure or PNG could not be written to `path`.
    case cannotWrite(path: String, reason: String)
    /// A PNG could not be read from `path`.
    case cannotRead(path: String, reason: String)
    /// A chart was given data it cannot draw.
    case invalidInput(operation: String, reason: String)

    /// A readable one-line description of what went wrong.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write PNG to '\(path)': \(reason)"
        case let .cannotRead(path, reason): return "cannot read PNG '\(path)': \(reason)"
        case let .invalidInput(operation, reason): return "\(operation): \(reason)"
        }
    }
}
