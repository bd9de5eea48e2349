// The one failure path of the book's libraries: a wrong shape or an impossible argument is a bug in
// the calling code, so it stops the program with a line that names the operation and what is wrong,
// and (unlike `precondition`'s message) that line survives optimised builds.

/// A problem with the arguments given to an operation: shapes, axes, indices, sizes or settings.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    /// The operation that refused its arguments, e.g. `"matmul"`.
    public let operation: String
    /// What is wrong, naming the shapes involved.
    public let reason: String

    /// Creates an error for `operation` explaining `reason`.
    public init(_ operation: String, _ reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// "operation: reason", the line the program stops with.
    public var description: String { "\(operation): \(reason)" }
}

/// Stops the program with a message naming `operation` and what is wrong with its arguments.
///
/// The one failure path of every library of the book: a wrong shape or an impossible argument is a
/// bug in the calling code, so it stops the program, and unlike `precondition`'s message this one
/// survives optimised builds. Write the shapes into `reason`, e.g. with `describe(_:)`.
public func shapeFailure(_ operation: String, _ reason: String) -> Never {
    fatalError(ShapeError(operation, reason).description, file: "", line: 0)
}

/// Stops through `shapeFailure(operation, reason)` unless `condition` holds.
@inline(__always)
public func require(_ condition: Bool, _ operation: @autoclosure () -> String,
                    _ reason: @autoclosure () -> String) {
    if !condition { shapeFailure(operation(), reason()) }
}

/// Formats a shape as `[2, 3]`.
public func describe(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

