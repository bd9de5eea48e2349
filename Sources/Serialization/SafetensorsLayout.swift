/// Where the tensors of a safetensors file lie, read from its header alone and checked against the
/// file's size, so a broken or hostile file is refused before any of its data is read.
struct SafetensorsLayout {
    /// One tensor's name, element type, shape and byte range in the data section.
    struct TensorPlacement {
        let name: String
        let begin: Int
        let end: Int
        let dtype: SafetensorsDType
        let shape: [Int]
    }

    /// Every tensor, in the header's order.
    let tensors: [TensorPlacement]
    /// The `__metadata__` map (empty when the file has none).
    let metadata: [String: String]
    /// The byte where the data section starts: 8 plus the header length.
    let dataStart: Int

    /// The header length stored in the first 8 bytes, checked against the size of the whole file
    /// and the format's limit.
    static func checkedHeaderLength(_ first8: ArraySlice<UInt8>, fileSize: Int) throws(SafetensorsError) -> Int {
        let headerLength = first8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(fileSize - 8) else {
            throw .headerBeyondFile(headerLength: headerLength, fileSize: fileSize)
        }
        let limit = Safetensors.maximumHeaderLength
        guard headerLength <= UInt64(limit) else {
            throw .invalidHeader(reason: "header length \(headerLength) exceeds the limit of \(limit) bytes")
        }
        return Int(headerLength)
    }

    /// Reads the JSON `header` of a file of `fileSize` bytes: dtypes, shapes and byte ranges, which
    /// must tile the data section exactly (no overlaps, holes or bytes past the end).
    init(header headerBytes: ArraySlice<UInt8>, fileSize: Int) throws(SafetensorsError) {
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

        let dataStart = 8 + headerBytes.count
        let dataSize = fileSize - dataStart
        var metadata: [String: String] = [:]
        var tensors: [TensorPlacement] = []
        var seen = Set<String>()
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw .duplicateName(name) }
            if name == Safetensors.metadataKey {
                metadata = try Self.metadataMap(value)
            } else {
                tensors.append(try Self.tensorInfo(name: name, value: value, dataSize: dataSize))
            }
        }
        try Self.checkCoverage(tensors.map { ($0.name, $0.begin, $0.end) }, dataSize: dataSize)
        (self.tensors, self.metadata, self.dataStart) = (tensors, metadata, dataStart)
    }

    /// The `__metadata__` object as a string map.
    private static func metadataMap(_ value: SafetensorsJSON) throws(SafetensorsError) -> [String: String] {
        guard case let .object(pairs) = value else {
            throw .invalidHeader(reason: "\"\(Safetensors.metadataKey)\" must be an object of strings")
        }
        var map: [String: String] = [:]
        for (key, value) in pairs {
            guard case let .string(text) = value else {
                throw .invalidHeader(reason: "\"\(Safetensors.metadataKey)\" value for \"\(key)\" is not a string")
            }
            guard map.updateValue(text, forKey: key) == nil else {
                throw .invalidHeader(reason: "\"\(Safetensors.metadataKey)\" has the key \"\(key)\" twice")
            }
        }
        return map
    }

    /// One tensor's dtype, shape and byte range, checked against each other and the data size.
    private static func tensorInfo(name: String, value: SafetensorsJSON, dataSize: Int) throws(SafetensorsError)
        -> TensorPlacement {
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
        return TensorPlacement(name: name, begin: begin, end: end, dtype: dtype, shape: shape)
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
