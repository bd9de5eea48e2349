import Foundation
import Testing
import TestSupport
import Tensors
@testable import Serialization

/// The 8 little-endian bytes of `value`, written out by shifting.
private func littleEndianBytes(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
}

/// A safetensors file assembled from its definition: length, header text, data bytes.
private func handMadeFile(header: String, data: [UInt8]) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    return littleEndianBytes(UInt64(headerBytes.count)) + headerBytes + data
}

@Suite("Safetensors")
struct SafetensorsTests {
    // MARK: Files written from the format's definition

    @Test func aFileWrittenByHandLoadsWithTheRightValues() throws {
        // Header with the keys in an unusual order, spaces, metadata and trailing padding;
        // "b" (a Float64 scalar) is stored after "a" (two Float32 values).
        let header = #"{"b": {"shape": [], "dtype": "F64", "data_offsets": [8, 16]}, "#
            + #""__metadata__": {"format": "pt"}, "#
            + #""a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}   "#
        let data: [UInt8] = [
            0x00, 0x00, 0x80, 0x3F,  // 1.0 as Float32: 0x3F800000
            0x00, 0x00, 0x20, 0xC0,  // -2.5 as Float32: 0xC0200000
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40,  // 3.0 as Float64: 0x4008000000000000
        ]
        let bytes = handMadeFile(header: header, data: data)
        let entries = try Safetensors.decode(bytes)
        #expect(entries.count == 2)
        #expect(entries["a"]?.dtype == .f32)
        #expect(entries["a"]?.shape == [2])
        #expect(entries["a"]?.values == [1.0, -2.5])
        #expect(entries["a"]?.scalars(as: Float.self) == [1.0, -2.5])
        #expect(entries["b"]?.dtype == .f64)
        #expect(entries["b"]?.shape == [])
        #expect(entries["b"]?.values == [3.0])
        #expect(try Safetensors.metadata(in: bytes) == ["format": "pt"])
    }

    @Test func halfAndBrainFloatValuesAreConverted() throws {
        let header = #"{"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},"#
            + #""g":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}}"#
        let data: [UInt8] = [
            0x00, 0x3C,  // F16 1.0 = 0x3C00
            0x00, 0xC0,  // F16 -2.0 = 0xC000
            0x00, 0x38,  // F16 0.5 = 0x3800
            0x01, 0x00,  // F16 smallest subnormal 0x0001 = 2^-24
            0x80, 0x3F,  // BF16 1.0 = 0x3F80
            0x20, 0xC0,  // BF16 -2.5 = 0xC020
        ]
        let entries = try Safetensors.decode(handMadeFile(header: header, data: data))
        #expect(entries["h"]?.values == [1.0, -2.0, 0.5, 0x1p-24])
        #expect(entries["g"]?.values == [1.0, -2.5])
    }

    @Test func theWriterProducesTheBytesTheFormatDefines() throws {
        let bytes = try Safetensors.encode([("x", Tensor<Float>([1, -2.5]))], metadata: ["k": "v"])
        var header = #"{"__metadata__":{"k":"v"},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        while (header.utf8.count) % 8 != 0 { header += " " }
        let expected = handMadeFile(header: header, data: [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0])
        #expect(bytes == expected)
    }

    // MARK: Round trips

    @Test func floatAndDoubleTensorsSurviveARoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        let shapes: [[Int]] = [[], [0], [3], [2, 3], [2, 3, 4]]
        let floats = shapes.enumerated().map { index, shape in
            (name: "layer\(index).weight", tensor: Tensor<Float>.randomNormal(shape, generator: &generator))
        }
        let doubles = shapes.enumerated().map { index, shape in
            (name: "é \"quoted\" \\ \(index)\n", tensor: Tensor<Double>.randomNormal(shape, generator: &generator))
        }
        let floatEntries = try Safetensors.decode(Safetensors.encode(floats, metadata: ["epoch": "3"]))
        for (name, tensor) in floats {
            #expect(floatEntries[name]?.dtype == .f32)
            #expect(floatEntries[name]?.shape == tensor.shape)
            #expect(floatEntries[name]?.scalars(as: Float.self) == tensor.scalars)
        }
        let doubleEntries = try Safetensors.decode(Safetensors.encode(doubles))
        for (name, tensor) in doubles {
            #expect(doubleEntries[name]?.dtype == .f64)
            #expect(doubleEntries[name]?.shape == tensor.shape)
            #expect(doubleEntries[name]?.values == tensor.scalars)
        }
    }

    @Test func theSameTensorsGiveTheSameBytesInAnyOrder() throws {
        let a = Tensor<Float>([1, 2, 3]), b = Tensor<Float>(rows: [[4, 5], [6, 7]])
        let first = try Safetensors.encode([("b", b), ("a", a)], metadata: ["x": "1", "y": "2"])
        let second = try Safetensors.encode([("a", a), ("b", b)], metadata: ["y": "2", "x": "1"])
        #expect(first == second)
        let headerLength = (0..<8).reduce(0) { $0 | Int(first[$1]) << (8 * $1) }
        #expect(headerLength % 8 == 0, "the padded header lets the data start at a multiple of 8")
        #expect(first.count == 8 + headerLength + 7 * 4)
    }

    @Test func savingAndLoadingAFileRoundTripsAndLeavesNoTemporaryFile() throws {
        let folder = URL(fileURLWithPath: scratchFolder(), isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.safetensors").path
        let weight = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        try Safetensors.save([("weight", weight), ("bias", Tensor<Double>([0.5, -0.5]))], to: path)
        try Safetensors.save([("weight", weight), ("bias", Tensor<Double>([0.25, -0.25]))], to: path)  // replaces
        let loaded = try Safetensors.load(from: path, as: Double.self)
        #expect(loaded["weight"]?.shape == [2, 3])
        #expect(loaded["weight"]?.scalars == weight.scalars)
        #expect(loaded["bias"]?.scalars == [0.25, -0.25])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
    }

    @Test func loadingIntoTensorsAssignsInPlaceAndConverts() throws {
        let folder = URL(fileURLWithPath: scratchFolder(), isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.safetensors").path
        try Safetensors.save([("w", Tensor<Double>(rows: [[0.1, 0.2], [0.3, 0.4]])), ("b", Tensor<Double>([7]))], to: path)
        let w = Tensor<Float>.zeros([2, 2], requiresGradient: true), b = Tensor<Float>.zeros([1], requiresGradient: true)
        try Safetensors.load(into: [("w", w), ("b", b)], from: path)
        #expect(w.scalars == [Float(0.1), Float(0.2), Float(0.3), Float(0.4)])
        #expect(b.scalars == [7])
    }

    // MARK: Loading into tensors that do not fit

    @Test func aWrongShapeIsRefusedNamingTheTensorAndBothShapes() throws {
        let entries = try Safetensors.decode(Safetensors.encode([("encoder.weight", Tensor<Float>.zeros([3, 2]))]))
        let target = Tensor<Float>.ones([2, 3])
        #expect(throws: SafetensorsError.shapeMismatch(name: "encoder.weight", expected: [2, 3], found: [3, 2])) {
            try Safetensors.assign(entries, to: [("encoder.weight", target)])
        }
        let message = SafetensorsError.shapeMismatch(name: "encoder.weight", expected: [2, 3], found: [3, 2]).description
        #expect(message.contains("encoder.weight") && message.contains("[2, 3]") && message.contains("[3, 2]"))
        #expect(target.scalars == [1, 1, 1, 1, 1, 1], "a refused load changes nothing")
    }

    @Test func missingAndUnexpectedNamesAreReported() throws {
        let entries = try Safetensors.decode(Safetensors.encode([
            ("a", Tensor<Float>([1])), ("extra", Tensor<Float>([2])),
        ]))
        let a = Tensor<Float>([0]), b = Tensor<Float>([0])
        #expect(throws: SafetensorsError.namesDiffer(missing: ["b"], unexpected: ["extra"])) {
            try Safetensors.assign(entries, to: [("a", a), ("b", b)])
        }
        #expect(a.scalars == [0])
        let text = SafetensorsError.namesDiffer(missing: ["b"], unexpected: ["extra"]).description
        #expect(text.contains("missing from the file: b") && text.contains("not expected: extra"))
    }

    // MARK: Broken files

    @Test func brokenFilesGiveClearErrors() throws {
        let f32 = #""dtype":"F32""#
        #expect(throws: SafetensorsError.truncated(byteCount: 3)) { try Safetensors.decode([1, 2, 3]) }
        #expect(throws: SafetensorsError.headerBeyondFile(headerLength: 100, fileSize: 28)) {
            try Safetensors.decode(littleEndianBytes(100) + [UInt8](repeating: 0x20, count: 20))
        }
        #expect(throws: SafetensorsError.headerBeyondFile(headerLength: UInt64.max, fileSize: 9)) {
            try Safetensors.decode(littleEndianBytes(UInt64.max) + [0x7B])
        }
        #expect(throws: SafetensorsError.self) { try Safetensors.decode(handMadeFile(header: #"{"a":"#, data: [])) }
        #expect(throws: SafetensorsError.offsetsOutOfRange(name: "a", begin: 0, end: 16, dataSize: 8)) {
            try Safetensors.decode(handMadeFile(
                header: #"{"a":{\#(f32),"shape":[4],"data_offsets":[0,16]}}"#, data: [UInt8](repeating: 0, count: 8)))
        }
        #expect(throws: SafetensorsError.overlappingOffsets(first: "a", second: "b")) {
            try Safetensors.decode(handMadeFile(
                header: #"{"a":{\#(f32),"shape":[2],"data_offsets":[0,8]},"b":{\#(f32),"shape":[2],"data_offsets":[4,12]}}"#,
                data: [UInt8](repeating: 0, count: 12)))
        }
        #expect(throws: SafetensorsError.unknownDType(name: "a", dtype: "Q7")) {
            try Safetensors.decode(handMadeFile(header: #"{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}"#, data: [0]))
        }
        #expect(throws: SafetensorsError.sizeMismatch(name: "a", shape: [3], dtype: "F32", expectedBytes: 12, actualBytes: 8)) {
            try Safetensors.decode(handMadeFile(
                header: #"{"a":{\#(f32),"shape":[3],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)))
        }
        #expect(throws: SafetensorsError.unclaimedData(begin: 4, end: 6)) {
            try Safetensors.decode(handMadeFile(
                header: #"{"a":{\#(f32),"shape":[1],"data_offsets":[0,4]}}"#, data: [UInt8](repeating: 0, count: 6)))
        }
        #expect(throws: SafetensorsError.duplicateName("a")) {
            try Safetensors.decode(handMadeFile(
                header: #"{"a":{\#(f32),"shape":[0],"data_offsets":[0,0]},"a":{\#(f32),"shape":[0],"data_offsets":[0,0]}}"#,
                data: []))
        }
        #expect(throws: SafetensorsError.invalidHeader(reason: "the header is not valid UTF-8")) {
            try Safetensors.decode(littleEndianBytes(4) + [0x7B, 0xFF, 0xFE, 0x7D])
        }
        #expect(throws: SafetensorsError.self) {
            try Safetensors.decode(handMadeFile(header: #"{"a":{\#(f32),"shape":[-1],"data_offsets":[0,0]}}"#, data: []))
        }
    }

    @Test func everyTruncationAndCorruptionOfAValidFileIsAnErrorNotACrash() throws {
        let bytes = try Safetensors.encode([("w", Tensor<Float>(rows: [[1, 2], [3, 4]])), ("b", Tensor<Float>([5]))])
        for length in 0..<bytes.count {
            #expect(throws: SafetensorsError.self) { try Safetensors.decode(Array(bytes[0..<length])) }
        }
        // Corrupting any single header byte either still decodes or throws; it never traps.
        var corruptions = 0
        for index in 8..<bytes.count - 20 {
            for value: UInt8 in [0x00, 0x22, 0x2C, 0x30, 0x39, 0x5B, 0x7D, 0xC3] {
                var broken = bytes
                broken[index] = value
                if (try? Safetensors.decode(broken)) == nil { corruptions += 1 }
            }
        }
        #expect(corruptions > 0)
    }

    @Test func writingToAMissingFolderFailsClearly() throws {
        let path = "/nonexistent-folder-\(UUID().uuidString)/model.safetensors"
        do {
            try Safetensors.save([("a", Tensor<Float>([1]))], to: path)
            Issue.record("saving into a missing folder succeeded")
        } catch {
            guard case .fileSystem(let reportedPath, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reportedPath == path)
        }
        #expect(throws: SafetensorsError.self) { try Safetensors.load(from: path, as: Float.self) }
    }

    @Test func reservedAndRepeatedNamesAreRefusedWhenWriting() {
        #expect(throws: SafetensorsError.invalidName("__metadata__")) {
            try Safetensors.encode([("__metadata__", Tensor<Float>([1]))])
        }
        #expect(throws: SafetensorsError.duplicateName("a")) {
            try Safetensors.encode([("a", Tensor<Float>([1])), ("a", Tensor<Float>([2]))])
        }
    }
}
