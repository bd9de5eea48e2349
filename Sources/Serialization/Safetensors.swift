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

    /// Reads and checks a whole file in memory: header length, JSON, dtypes, shapes and byte ranges.
    static func parse(_ bytes: [UInt8]) throws(SafetensorsError)
        -> (entries: [String: SafetensorsEntry], metadata: [String: String]) {
        guard bytes.count >= 8 else { throw .truncated(byteCount: bytes.count) }
        let headerLength = try SafetensorsLayout.checkedHeaderLength(bytes[0..<8], fileSize: bytes.count)
        let layout = try SafetensorsLayout(header: bytes[8..<(8 + headerLength)], fileSize: bytes.count)
        var entries: [String: SafetensorsEntry] = [:]
        for tensor in layout.tensors {
            let data = Array(bytes[(layout.dataStart + tensor.begin)..<(layout.dataStart + tensor.end)])
            entries[tensor.name] = SafetensorsEntry(dtype: tensor.dtype, shape: tensor.shape, data: data)
        }
        return (entries, layout.metadata)
    }
}
