/// What can go wrong when reading, writing or loading a safetensors file.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The bytes end before the 8-byte header length.
    case truncated(byteCount: Int)
    /// The header length points past the end of the file.
    case headerBeyondFile(headerLength: UInt64, fileSize: Int)
    /// The header is not the JSON the format requires; `reason` says where and why.
    case invalidHeader(reason: String)
    /// A tensor's dtype is not one this library reads.
    case unknownDType(name: String, dtype: String)
    /// A tensor's byte range does not lie inside the data section.
    case offsetsOutOfRange(name: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors claim overlapping bytes.
    case overlappingOffsets(first: String, second: String)
    /// Bytes of the data section belong to no tensor (the format forbids holes and trailing bytes).
    case unclaimedData(begin: Int, end: Int)
    /// A tensor's byte range does not hold exactly its shape's number of elements.
    case sizeMismatch(name: String, shape: [Int], dtype: String, expectedBytes: Int, actualBytes: Int)
    /// The same tensor name occurs twice.
    case duplicateName(String)
    /// A tensor name that the format reserves or cannot hold.
    case invalidName(String)
    /// Loading into named tensors: the file lacks some names or has names nobody asked for.
    case namesDiffer(missing: [String], unexpected: [String])
    /// Loading into named tensors: a tensor in the file has a different shape.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// Loading into named tensors: the target is computed from others and cannot be overwritten.
    case notALeaf(name: String)
    /// The operating system refused to read or write a file.
    case fileSystem(path: String, reason: String)

    /// A one-line explanation naming the tensor, the shapes or the offsets involved.
    public var description: String {
        switch self {
        case let .truncated(count):
            return "safetensors: truncated data: \(count) bytes, fewer than the 8-byte header length"
        case let .headerBeyondFile(length, size):
            return "safetensors: header length \(length) goes beyond the end of the \(size)-byte file"
        case let .invalidHeader(reason):
            return "safetensors: invalid header: \(reason)"
        case let .unknownDType(name, dtype):
            return "safetensors: tensor '\(name)' has dtype \"\(dtype)\"; only F16, BF16, F32 and F64 are read"
        case let .offsetsOutOfRange(name, begin, end, size):
            return "safetensors: tensor '\(name)' has data_offsets [\(begin), \(end)] outside the \(size)-byte data section"
        case let .overlappingOffsets(first, second):
            return "safetensors: tensors '\(first)' and '\(second)' have overlapping data_offsets"
        case let .unclaimedData(begin, end):
            return "safetensors: bytes \(begin)..<\(end) of the data section belong to no tensor"
        case let .sizeMismatch(name, shape, dtype, expected, actual):
            return "safetensors: tensor '\(name)' of shape \(shapeText(shape)) and dtype \(dtype) needs \(expected) bytes, its data_offsets span \(actual)"
        case let .duplicateName(name):
            return "safetensors: the tensor name '\(name)' occurs more than once"
        case let .invalidName(name):
            return "safetensors: '\(name)' cannot be used as a tensor name"
        case let .namesDiffer(missing, unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing from the file: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("in the file but not expected: \(unexpected.joined(separator: ", "))") }
            return "safetensors: tensor names differ; " + parts.joined(separator: "; ")
        case let .shapeMismatch(name, expected, found):
            return "safetensors: tensor '\(name)' has shape \(shapeText(found)) in the file but \(shapeText(expected)) in the model"
        case let .notALeaf(name):
            return "safetensors: tensor '\(name)' is computed from other tensors and cannot be loaded into"
        case let .fileSystem(path, reason):
            return "safetensors: \(path): \(reason)"
        }
    }
}

/// Formats a shape as `[2, 3]`.
private func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
