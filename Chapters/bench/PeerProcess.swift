// The peers the bench compares with (numpy, PyTorch), reached through `peers.py` in a child process.

import Foundation
import Tensors

/// One running `peers.py`, limited to a number of threads, that answers one request per line.
/// The bench uses each from one thread at a time.
final class PeerProcess: @unchecked Sendable {
    /// What the script said it runs, e.g. "torch 2.13.0+cpu numpy 2.4.6".
    let versions: String
    private let process: Process
    private let requests: FileHandle
    private let answers: FileHandle
    private var buffered = Data()

    /// The script beside this file in the package (`swift run bench` runs inside the package).
    static let defaultScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("peers.py").path

    /// The kernels numpy's OpenBLAS is told to use, and what the line naming the peers says of it.
    /// On a CPU with AVX-512 they are its AVX-512 ones (SKYLAKEX), whatever the environment says,
    /// so that the peer runs at its best: OpenBLAS does not choose them by itself on every such CPU
    /// (on an AMD Zen 5 here it ran its AVX2 kernels, at half the speed), and an OPENBLAS_CORETYPE
    /// of the environment may name older ones. Elsewhere the environment's choice, or OpenBLAS's own.
    static let openBLASCore: (name: String?, description: String) = {
        let given = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 }
        guard KernelTarget.processorHasAVX512 else {
            return (given, given.map { "numpy's OpenBLAS with OPENBLAS_CORETYPE=\($0) from the environment" }
                ?? "numpy's OpenBLAS choosing its own kernels")
        }
        let replaced = given.map { $0.uppercased() == "SKYLAKEX" ? "" : " (the environment's \($0) replaced)" } ?? ""
        return ("SKYLAKEX", "numpy's OpenBLAS with its AVX-512 kernels, OPENBLAS_CORETYPE=SKYLAKEX\(replaced)")
    }()

    /// Starts the script with `threads` threads for numpy's BLAS and PyTorch; throws a
    /// `PeerUnavailable` saying what is missing and how to install it.
    init(python: String, script: String, threads: Int) throws {
        guard FileManager.default.fileExists(atPath: script) else {
            throw PeerUnavailable(reason: "the peer script \(script) does not exist (run the bench from the package's folder)")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, "--threads", String(threads)]
        var environment = ProcessInfo.processInfo.environment
        for name in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = String(threads) }
        if let core = Self.openBLASCore.name { environment["OPENBLAS_CORETYPE"] = core }
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        (requests, answers) = (input.fileHandleForWriting, output.fileHandleForReading)
        do { try process.run() } catch {
            throw PeerUnavailable(reason: "could not start \(python): \(error.localizedDescription)")
        }
        let first = Self.readLine(from: answers, buffer: &buffered)
        switch first?.split(separator: " ", maxSplits: 1).first {
        case "ready"?:
            versions = String(first!.dropFirst("ready ".count))
        case "missing"?:
            process.waitUntilExit()
            throw PeerUnavailable(reason: "\(python) has no \(first!.dropFirst("missing ".count))")
        case nil:
            process.waitUntilExit()
            throw PeerUnavailable(reason: process.terminationStatus == 127 ? "there is no program named \(python)"
                : "\(python) \(script) stopped with status \(process.terminationStatus) before answering")
        default:
            process.terminate()
            throw PeerUnavailable(reason: "\(python) \(script) answered \"\(first!)\" instead of \"ready …\"")
        }
    }

    /// Sends one request and returns the number in its answer ("gflops 81.2" → 81.2).
    func measure(_ request: String) -> Double? {
        guard let data = (request + "\n").data(using: .utf8) else { return nil }
        do { try requests.write(contentsOf: data) } catch { return nil }
        guard let line = Self.readLine(from: answers, buffer: &buffered) else { return nil }
        let parts = line.split(separator: " ")
        return parts.count == 2 ? Double(parts[1]) : nil
    }

    /// Asks the script to stop and waits for it.
    func stop() {
        try? requests.write(contentsOf: Data("quit\n".utf8))
        try? requests.close()
        process.waitUntilExit()
    }

    /// The next line the child printed, without its newline; nil at the end of its output.
    private static func readLine(from handle: FileHandle, buffer: inout Data) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let more = handle.availableData
            if more.isEmpty { return nil }
            buffer.append(more)
        }
    }
}

/// Why the peers cannot be measured, and what to do about it.
struct PeerUnavailable: Error {
    var reason: String

    /// The lines the bench prints instead of the peers' columns.
    var advice: String {
        """
        Peers not measured: \(reason).
        To compare, install numpy and PyTorch's CPU build for that Python, e.g.
            python3 -m pip install numpy torch --index-url https://download.pytorch.org/whl/cpu --extra-index-url https://pypi.org/simple
        and run `swift run bench --peers` again (or name another interpreter with --python).
        """
    }
}
