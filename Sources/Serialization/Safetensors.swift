import Tensors

/// Reads and writes the safetensors format, so parameters can travel to and from PyTorch.
///
/// A file is an 8-byte little-endian `UInt64` header length N, then N bytes of UTF-8 JSON, then
/// the data section. The JSON maps each tensor name to
/// `{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}`, offsets counted from the
/// start of the data section; an optional `"__metadata__"` entry maps strings to strings. The
/// header may end in spaces (writers pad it so the data starts at a multiple of 8). The data
/// section holds every tensor's elements, row-major and little-endian, with no holes.
///
/// Writing is deterministic: tensors are laid out in the byte order of their names, as the
/// reference implementation does, so the same parameters always give the same bytes.
public enum Safetensors {
    /// The largest header accepted, the reference implementation's limit.
    public static let maximumHeaderLength = 100_000_000
    /// The name the format reserves for the metadata map.
    public static let metadataKey = "__metadata__"

    /// The bytes of a safetensors file holding `tensors` (F32 for `Float`, F64 for `Double`).
    ///
    /// Throws `SafetensorsError.duplicateName` if a name repeats and `.invalidName` for the
    /// reserved name `__metadata__`.
    public static func encode<S: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<S>)], metadata: [String: String] = [:]
    ) throws(SafetensorsError) -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard name != metadataKey else { throw .invalidName(name) }
            guard seen.insert(name).inserted else { throw .duplicateName(name) }
        }
        let ordered = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let dtype = SafetensorsDType.storing(S.self)

        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { SafetensorsJSON.quoted($0.key) + ":" + SafetensorsJSON.quoted($0.value) }
            members.append(SafetensorsJSON.quoted(metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in ordered {
            let end = offset + tensor.count * dtype.byteCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append(SafetensorsJSON.quoted(name)
                + ":{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + members.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in ordered { appendLittleEndian(tensor.scalars, to: &bytes) }
        return bytes
    }

    /// The tensors of a safetensors file, by name, after checking the whole file's structure.
    public static func decode(_ bytes: [UInt8]) throws(SafetensorsError) -> [String: SafetensorsEntry] {
        try parse(bytes).entries
    }

    /// The `__metadata__` map of a safetensors file (empty when it has none).
    public static func metadata(in bytes: [UInt8]) throws(SafetensorsError) -> [String: String] {
        try parse(bytes).metadata
    }

    /// Reads and checks a whole file: header length, JSON, dtypes, shapes and byte ranges.
    static func parse(_ bytes: [UInt8]) throws(SafetensorsError)
        -> (entries: [String: SafetensorsEntry], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw .truncated(byteCount: bytes.count) }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerBeyondFile(headerLength: headerLength, fileSize: bytes.count)
        }
        guard headerLength <= UInt64(maximumHeaderLength) else {
            throw .invalidHeader(reason: "header length \(headerLength) exceeds the limit of \(maximumHeaderLength) bytes")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = bytes[8..<dataStart]
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw .invalidHeader(reason: "the JSON header must begin with '{'")
        }
        guard String(decoding: headerBytes, as: UTF8.self).utf8.elementsEqual(headerBytes) else {
            throw .invalidHeader(reason: "the header is not valid UTF-8")
        }
        let json: SafetensorsJSON
        do { json = try SafetensorsJSON.parse(headerBytes) } catch { throw .invalidHeader(reason: error.message) }
        guard case let .object(members) = json else {
            throw .invalidHeader(reason: "the JSON header must be an object")
        }

        let dataSize = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var ranges: [(name: String, begin: Int, end: Int, dtype: SafetensorsDType, shape: [Int])] = []
        var seen = Set<String>()
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw .duplicateName(name) }
            if name == metadataKey {
                metadata = try metadataMap(value)
            } else {
                ranges.append(try tensorInfo(name: name, value: value, dataSize: dataSize))
            }
        }
        try checkCoverage(ranges.map { ($0.name, $0.begin, $0.end) }, dataSize: dataSize)

        var entries: [String: SafetensorsEntry] = [:]
        for range in ranges {
            let data = Array(bytes[(dataStart + range.begin)..<(dataStart + range.end)])
            entries[range.name] = SafetensorsEntry(dtype: range.dtype, shape: range.shape, data: data)
        }
        return (entries, metadata)
    }

    /// The `__metadata__` object as a string map.
    private static func metadataMap(_ value: SafetensorsJSON) throws(SafetensorsError) -> [String: String] {
        guard case let .object(pairs) = value else {
            throw .invalidHeader(reason: "\"\(metadataKey)\" must be an object of strings")
        }
        var map: [String: String] = [:]
        for (key, value) in pairs {
            guard case let .string(text) = value else {
                throw .invalidHeader(reason: "\"\(metadataKey)\" value for \"\(key)\" is not a string")
            }
            guard map.updateValue(text, forKey: key) == nil else {
                throw .invalidHeader(reason: "\"\(metadataKey)\" has the key \"\(key)\" twice")
            }
        }
        return map
    }

    /// One tensor's dtype, shape and byte range, checked against each other and the data size.
    private static func tensorInfo(name: String, value: SafetensorsJSON, dataSize: Int) throws(SafetensorsError)
        -> (name: String, begin: Int, end: Int, dtype: SafetensorsDType, shape: [Int]) {
        guard case let .object(fields) = value else {
            throw .invalidHeader(reason: "the entry for tensor '\(name)' is not an object")
        }
        func field(_ key: String) throws(SafetensorsError) -> SafetensorsJSON {
            guard let found = fields.first(where: { $0.key == key }) else {
                throw .invalidHeader(reason: "tensor '\(name)' has no \"\(key)\"")
            }
            return found.value
        }
        func integers(_ key: String) throws(SafetensorsError) -> [Int] {
            guard case let .array(items) = try field(key) else {
                throw .invalidHeader(reason: "\"\(key)\" of tensor '\(name)' is not an array")
            }
            var result: [Int] = []
            for item in items {
                guard let value = item.nonNegativeInteger else {
                    throw .invalidHeader(reason: "\"\(key)\" of tensor '\(name)' must hold non-negative integers")
                }
                result.append(value)
            }
            return result
        }
        guard case let .string(dtypeName) = try field("dtype") else {
            throw .invalidHeader(reason: "\"dtype\" of tensor '\(name)' is not a string")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw .unknownDType(name: name, dtype: dtypeName)
        }
        let shape = try integers("shape")
        let offsets = try integers("data_offsets")
        guard offsets.count == 2 else {
            throw .invalidHeader(reason: "\"data_offsets\" of tensor '\(name)' must hold 2 numbers, not \(offsets.count)")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end, end <= dataSize else {
            throw .offsetsOutOfRange(name: name, begin: begin, end: end, dataSize: dataSize)
        }
        var expected = dtype.byteCount
        var overflow = false
        for size in shape where !overflow {
            (expected, overflow) = expected.multipliedReportingOverflow(by: size)
        }
        guard !overflow, expected == end - begin else {
            throw .sizeMismatch(name: name, shape: shape, dtype: dtype.rawValue,
                                expectedBytes: overflow ? Int.max : expected, actualBytes: end - begin)
        }
        return (name, begin, end, dtype, shape)
    }

    /// Checks that the byte ranges tile the data section exactly: no overlaps, holes or leftovers.
    private static func checkCoverage(_ ranges: [(name: String, begin: Int, end: Int)], dataSize: Int)
        throws(SafetensorsError) {
        let sorted = ranges.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var cursor = 0
        var previous: String?
        for range in sorted {
            if range.begin < cursor, let previous {
                throw .overlappingOffsets(first: previous, second: range.name)
            }
            if range.begin > cursor { throw .unclaimedData(begin: cursor, end: range.begin) }
            cursor = range.end
            previous = range.name
        }
        if cursor < dataSize { throw .unclaimedData(begin: cursor, end: dataSize) }
    }
}
