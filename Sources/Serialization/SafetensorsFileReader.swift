// Reading a safetensors file from its descriptor (open, fstat, pread, close): POSIX, not libm, so
// the C library is imported here, once, for each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file opened for reading: its header is read and checked against the file's size
/// first, then each tensor's bytes are read from their offset when asked for.
///
/// So a file with a broken header fails after reading a few bytes, however large it is, and loading
/// never holds the whole file in memory: at most one tensor's raw bytes besides the loaded tensors.
final class SafetensorsFileReader {
    /// The file's path, for error messages.
    let path: String
    /// The file's size in bytes when it was opened.
    let fileSize: Int
    /// Where every tensor lies, from the checked header.
    let layout: SafetensorsLayout
    private let descriptor: Int32

    /// Opens `path` and reads and checks its header length and header.
    init(path: String) throws(SafetensorsError) {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .fileSystem(path: path, reason: systemErrorText()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = systemErrorText()
            close(descriptor)
            throw .fileSystem(path: path, reason: reason)
        }
        let fileSize = Int(info.st_size)
        do throws(SafetensorsError) {
            guard (info.st_mode & S_IFMT) != S_IFDIR else {
                throw .fileSystem(path: path, reason: "it is a folder, not a file")
            }
            guard fileSize >= 8 else { throw .truncated(byteCount: fileSize) }
            let first8 = try Self.read(descriptor, count: 8, at: 0, path: path, fileSize: fileSize)
            let headerLength = try SafetensorsLayout.checkedHeaderLength(first8[...], fileSize: fileSize)
            let header = try Self.read(descriptor, count: headerLength, at: 8, path: path, fileSize: fileSize)
            layout = try SafetensorsLayout(header: header[...], fileSize: fileSize)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.fileSize = fileSize
    }

    deinit { close(descriptor) }

    /// The raw bytes of `tensor`, read from the file at its offset.
    func bytes(of tensor: SafetensorsLayout.TensorPlacement) throws(SafetensorsError) -> [UInt8] {
        try Self.read(descriptor, count: tensor.end - tensor.begin, at: layout.dataStart + tensor.begin,
                      path: path, fileSize: fileSize)
    }

    /// `count` bytes of the file from byte `offset`; an error if the file ends before them.
    private static func read(_ descriptor: Int32, count: Int, at offset: Int, path: String,
                             fileSize: Int) throws(SafetensorsError) -> [UInt8] {
        var failure: SafetensorsError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let result = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = .fileSystem(path: path, reason: "read failed: \(systemErrorText())")
                    break
                }
                if result == 0 {
                    failure = .fileSystem(path: path, reason: "the file ends at byte \(offset + done), before the "
                                          + "\(offset + count) bytes its header needs (it was \(fileSize) bytes when opened)")
                    break
                }
                done += result
            }
            initialized = done
        }
        if let failure { throw failure }
        return bytes
    }
}

/// The C library's description of the current `errno`.
func systemErrorText() -> String { String(cString: strerror(errno)) }
