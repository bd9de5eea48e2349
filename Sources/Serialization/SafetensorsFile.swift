// The serialization library's only operating-system calls (fopen, fread, fwrite, rename, errno):
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
    public static func load<S: TensorScalar>(
        from path: String, as _: S.Type, requiresGradient: Bool = false
    ) throws(SafetensorsError) -> [String: Tensor<S>] {
        try decode(try readFile(path)).mapValues { $0.tensor(as: S.self, requiresGradient: requiresGradient) }
    }

    /// Overwrites the values of `named` tensors, in place, with the tensors of the file at `path`.
    ///
    /// Nothing changes unless every check holds: the file has exactly the given names
    /// (`.namesDiffer` lists the missing and the unexpected ones), every shape matches
    /// (`.shapeMismatch` names the tensor and both shapes) and every target is a leaf.
    public static func load<S: TensorScalar>(
        into named: [(name: String, tensor: Tensor<S>)], from path: String
    ) throws(SafetensorsError) {
        try assign(decode(try readFile(path)), to: named)
    }

    /// Overwrites the values of `named` tensors, in place, with decoded `entries`, checking as
    /// `load(into:from:)` does.
    public static func assign<S: TensorScalar>(
        _ entries: [String: SafetensorsEntry], to named: [(name: String, tensor: Tensor<S>)]
    ) throws(SafetensorsError) {
        var wanted = Set<String>()
        for (name, _) in named {
            guard wanted.insert(name).inserted else { throw .duplicateName(name) }
        }
        let missing = named.map(\.name).filter { entries[$0] == nil }
        let unexpected = entries.keys.filter { !wanted.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty else { throw .namesDiffer(missing: missing, unexpected: unexpected) }
        for (name, tensor) in named {
            let found = entries[name]!.shape
            guard found == tensor.shape else { throw .shapeMismatch(name: name, expected: tensor.shape, found: found) }
            guard tensor.isLeaf else { throw .notALeaf(name: name) }
        }
        for (name, tensor) in named { tensor.assign(entries[name]!.scalars(as: S.self)) }
    }

    /// The whole content of the file at `path`.
    static func readFile(_ path: String) throws(SafetensorsError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw .fileSystem(path: path, reason: systemErrorText()) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[0..<read])
            if read < chunk.count {
                guard ferror(file) == 0 else { throw .fileSystem(path: path, reason: "read failed: \(systemErrorText())") }
                return bytes
            }
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

/// The C library's description of the current `errno`.
private func systemErrorText() -> String { String(cString: strerror(errno)) }
