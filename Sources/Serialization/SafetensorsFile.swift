// Writing a safetensors file (mkstemp, fchmod, write, close, rename, unlink, errno):
// POSIX, not libm, so the C library is imported here, once, for each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Tensors

extension Safetensors {
    /// Writes `tensors` to a safetensors file at `path`, atomically: the bytes go to a temporary
    /// file beside it, which is then renamed, so an interrupted run never leaves half a file.
    public static func save<S: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<S>)], metadata: [String: String] = [:], to path: String
    ) throws(SafetensorsError) {
        try writeAtomically(try encode(tensors, metadata: metadata), to: path)
    }

    /// Reads every tensor of the safetensors file at `path`, converted to `S`, as leaves.
    ///
    /// The header is read and checked against the file's size before any tensor data, so a broken
    /// file fails at once however large it is; then each tensor is read from its offset and
    /// converted, so the file is never held in memory as a whole.
    public static func load<S: TensorScalar>(
        from path: String, as _: S.Type, requiresGradient: Bool = false
    ) throws(SafetensorsError) -> [String: Tensor<S>] {
        let file = try SafetensorsFileReader(path: path)
        var tensors: [String: Tensor<S>] = [:]
        for placement in file.layout.tensors {
            let entry = SafetensorsEntry(dtype: placement.dtype, shape: placement.shape, data: try file.bytes(of: placement))
            tensors[placement.name] = entry.tensor(as: S.self, requiresGradient: requiresGradient)
        }
        return tensors
    }

    /// Overwrites the values of `named` tensors, in place, with the tensors of the file at `path`.
    ///
    /// Nothing changes unless every check holds: the file has exactly the given names
    /// (`.namesDiffer` lists the missing and the unexpected ones), every shape matches
    /// (`.shapeMismatch` names the tensor and both shapes) and every target is a leaf. These are
    /// checked from the header, before any tensor data is read.
    public static func load<S: TensorScalar>(
        into named: [(name: String, tensor: Tensor<S>)], from path: String
    ) throws(SafetensorsError) {
        let file = try SafetensorsFileReader(path: path)
        var placements: [String: SafetensorsLayout.TensorPlacement] = [:]
        for placement in file.layout.tensors { placements[placement.name] = placement }
        try checkFit(shapes: placements.mapValues(\.shape), of: named)
        var values: [[S]] = []
        for (name, _) in named {
            let placement = placements[name]!
            values.append(decodeLittleEndian(try file.bytes(of: placement), dtype: placement.dtype, as: S.self))
        }
        for ((_, tensor), scalars) in zip(named, values) { tensor.assign(scalars) }
    }

    /// Overwrites the values of `named` tensors, in place, with decoded `entries`, checking as
    /// `load(into:from:)` does.
    public static func assign<S: TensorScalar>(
        _ entries: [String: SafetensorsEntry], to named: [(name: String, tensor: Tensor<S>)]
    ) throws(SafetensorsError) {
        try checkFit(shapes: entries.mapValues(\.shape), of: named)
        for (name, tensor) in named { tensor.assign(entries[name]!.scalars(as: S.self)) }
    }

    /// Checks that the tensors of a file, given by their shapes, fit `named` exactly: the same
    /// names, once each, the same shapes, and leaves only.
    static func checkFit<S: TensorScalar>(
        shapes: [String: [Int]], of named: [(name: String, tensor: Tensor<S>)]
    ) throws(SafetensorsError) {
        var wanted = Set<String>()
        for (name, _) in named {
            guard wanted.insert(name).inserted else { throw .duplicateName(name) }
        }
        let missing = named.map(\.name).filter { shapes[$0] == nil }
        let unexpected = shapes.keys.filter { !wanted.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty else { throw .namesDiffer(missing: missing, unexpected: unexpected) }
        for (name, tensor) in named {
            let found = shapes[name]!
            guard found == tensor.shape else { throw .shapeMismatch(name: name, expected: tensor.shape, found: found) }
            guard tensor.isLeaf else { throw .notALeaf(name: name) }
        }
    }

    /// Writes `bytes` to a temporary file in the folder of `path`, then renames it to `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SafetensorsError) {
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .fileSystem(path: path, reason: "cannot create a file beside it: \(systemErrorText())")
        }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ reason: String) -> SafetensorsError {
            unlink(temporaryPath)
            return .fileSystem(path: path, reason: reason)
        }
        fchmod(descriptor, 0o644)  // mkstemp creates 0600; parameter files are meant to be shared
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = "write failed: \(systemErrorText())"
                close(descriptor)
                throw fail(reason)
            }
            written += result
        }
        guard close(descriptor) == 0 else { throw fail("write failed: \(systemErrorText())") }
        guard rename(temporaryPath, path) == 0 else { throw fail("cannot rename the finished file: \(systemErrorText())") }
    }
}
