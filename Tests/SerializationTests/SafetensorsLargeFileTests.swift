import Foundation
import Testing
import TestSupport
import Tensors
import Serialization

/// A sparse file of `size` bytes (no disk blocks behind the zeros) that begins with `prefix`.
private func sparseFile(size: Int64, prefix: [UInt8], _ name: String = #function) throws -> String {
    let path = scratchFolder(name) + "/large.safetensors"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(prefix)))
    #expect(truncate(path, off_t(size)) == 0, "cannot make a sparse file of \(size) bytes")
    return path
}

/// The 8 little-endian bytes of `value`.
private func littleEndianBytes(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
}

/// Loads `path` and returns the error thrown and the seconds it took to come.
private func loadError(_ path: String) -> (error: SafetensorsError?, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    var thrown: SafetensorsError?
    do { _ = try Safetensors.load(from: path, as: Float.self) } catch { thrown = error }
    return (thrown, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Large files whose header is wrong fail from the header alone: the loader reads the 8-byte length
/// and the header first and checks them against the file's size, before any tensor data. Reading a
/// whole 1 GiB file first took 4.75 s (and 1 GB of memory); the limit of 0.5 s below leaves a
/// wide margin for a loaded machine and still fails for a loader that reads the file.
@Suite("Safetensors: large files")
struct SafetensorsLargeFileTests {
    static let gibibyte: Int64 = 1 << 30
    static let limit = 0.5

    @Test("a 1 GiB file of zeros (header length 0) fails fast: the header must begin with '{'")
    func zeros() throws {
        let path = try sparseFile(size: Self.gibibyte, prefix: [])
        let (error, seconds) = loadError(path)
        #expect(error == .invalidHeader(reason: "the JSON header must begin with '{'"))
        #expect(seconds < Self.limit, "took \(seconds) s")
    }

    @Test("a header length beyond the end of a 1 GiB file fails fast, naming both sizes")
    func headerBeyondFile() throws {
        let path = try sparseFile(size: Self.gibibyte, prefix: littleEndianBytes(1 << 40))
        let (error, seconds) = loadError(path)
        #expect(error == .headerBeyondFile(headerLength: 1 << 40, fileSize: Int(Self.gibibyte)))
        #expect(seconds < Self.limit, "took \(seconds) s")
    }

    @Test("a header longer than the format's limit fails fast, even inside the file")
    func headerOverTheLimit() throws {
        let path = try sparseFile(size: Self.gibibyte, prefix: littleEndianBytes(200_000_000) + Array("{".utf8))
        let (error, seconds) = loadError(path)
        #expect(error == .invalidHeader(reason: "header length 200000000 exceeds the limit of 100000000 bytes"))
        #expect(seconds < Self.limit, "took \(seconds) s")
    }

    @Test("a tensor whose data_offsets reach past the end of a 1 GiB file fails fast, naming the tensor")
    func offsetsBeyondFile() throws {
        let header = Array(#"{"w":{"dtype":"F32","shape":[1073741824],"data_offsets":[0,4294967296]}}"#.utf8)
        let path = try sparseFile(size: Self.gibibyte, prefix: littleEndianBytes(UInt64(header.count)) + header)
        let (error, seconds) = loadError(path)
        let dataSize = Int(Self.gibibyte) - 8 - header.count
        #expect(error == .offsetsOutOfRange(name: "w", begin: 0, end: 4_294_967_296, dataSize: dataSize))
        #expect(seconds < Self.limit, "took \(seconds) s")
    }

    @Test("loading into tensors whose names differ fails before any tensor data is read")
    func namesDifferFast() throws {
        // A valid header for one 1 GiB-minus tensor "w"; the data section is sparse zeros.
        let elements = (Int(Self.gibibyte) - 4096) / 4
        var header = Array(#"{"w":{"dtype":"F32","shape":[\#(elements)],"data_offsets":[0,\#(4 * elements)]}}"#.utf8)
        header += [UInt8](repeating: 0x20, count: 4096 - 8 - header.count)
        let path = try sparseFile(size: Self.gibibyte, prefix: littleEndianBytes(UInt64(header.count)) + header)
        let target = Tensor<Float>.zeros([2])
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(throws: SafetensorsError.namesDiffer(missing: ["v"], unexpected: ["w"])) {
            try Safetensors.load(into: [("v", target)], from: path)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(seconds < Self.limit, "took \(seconds) s")
    }

    @Test("tensors read from the file at their offsets keep their values, with metadata and padding")
    func valuesAtOffsets() throws {
        let path = scratchFolder() + "/model.safetensors"
        let a = Tensor<Float>(rows: [[1, -2], [3.5, 4]]), b = Tensor<Float>([0.25, 8, -16])
        try Safetensors.save([("b", b), ("a", a)], metadata: ["format": "pt"], to: path)
        let loaded = try Safetensors.load(from: path, as: Float.self)
        #expect(loaded["a"]?.shape == [2, 2] && loaded["a"]?.scalars == [1, -2, 3.5, 4])
        #expect(loaded["b"]?.shape == [3] && loaded["b"]?.scalars == [0.25, 8, -16])
        // A file cut short by one byte is an error, whichever tensor's bytes are missing.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.dropLast().write(to: URL(fileURLWithPath: path))
        #expect(throws: SafetensorsError.self) { try Safetensors.load(from: path, as: Float.self) }
    }
}
