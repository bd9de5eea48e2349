import Foundation
import Testing
import TestSupport
import Plotting

/// The hidden temporary files (`.NAME.PID.tmp`) in `folder`.
private func temporaryFiles(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }.sorted()
}

/// Creates `name` in `folder` with 16 KB of zeros, as an interrupted figure writer leaves it.
private func leaveTemporaryFile(_ name: String, in folder: String) {
    _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(count: 16_384))
}

/// The PID of a process that has run and ended (and been reaped), so no process has it now.
private func pidOfAnEndedProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

@Suite("Interrupted figure writes")
struct InterruptedWriteTests {
    @Test("writing into a folder removes the temporary files of writers that are no longer running")
    func staleTemporaryFilesAreRemoved() throws {
        let folder = scratchFolder()
        let ended = try pidOfAnEndedProcess()
        let stale = ".old.png.\(ended).tmp"
        let ours = ".busy.png.\(getpid()).tmp"          // this process is running: kept
        let unrelated = [".notes.tmp", ".a.b.tmp", "x.png.\(ended).tmp", ".\(ended).tmp"]
        for name in [stale, ours] + unrelated { leaveTemporaryFile(name, in: folder) }
        try Canvas(width: 3, height: 3).write(to: folder + "/figure.png")
        #expect(try temporaryFiles(in: folder) == ([ours] + unrelated).sorted())
        #expect(FileManager.default.fileExists(atPath: folder + "/figure.png"))
    }

    // Exit tests arrived with Swift 6.2 (and capture lists with 6.3); older toolchains skip these.
    #if compiler(>=6.3)
    @Test("SIGINT while a figure is written removes its temporary file, and the program still dies of SIGINT")
    func interruptRemovesTheTemporaryFile() async throws {
        let folder = scratchFolder()
        await #expect(processExitsWith: .signal(SIGINT)) { [folder = folder as String] in
            writeSlowlyAndSignal(SIGINT, in: folder)
        }
        #expect(try temporaryFiles(in: folder) == [])
        #expect(!FileManager.default.fileExists(atPath: folder + "/large.png"), "the interrupted figure is not there")
    }

    @Test("SIGTERM while a figure is written removes its temporary file, and the program still dies of SIGTERM")
    func terminationRemovesTheTemporaryFile() async throws {
        let folder = scratchFolder()
        await #expect(processExitsWith: .signal(SIGTERM)) { [folder = folder as String] in
            writeSlowlyAndSignal(SIGTERM, in: folder)
        }
        #expect(try temporaryFiles(in: folder) == [])
        #expect(!FileManager.default.fileExists(atPath: folder + "/large.png"), "the interrupted figure is not there")
    }
    #endif
}

/// In a child process: starts writing a large, slow-to-compress figure on another thread and sends
/// this process `signalNumber` once its temporary file exists, mid-write.
private func writeSlowlyAndSignal(_ signalNumber: Int32, in folder: String) {
    // Noise compresses slowly; a block longer than deflate's 32 KB window, repeated, is as slow.
    let size = 2000
    var state: UInt32 = 12345
    let block = (0..<100_000).map { _ -> UInt8 in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
    var noise: [UInt8] = []
    noise.reserveCapacity(size * size * 4 + block.count)
    while noise.count < size * size * 4 { noise.append(contentsOf: block) }
    let image = PNGImage(width: size, height: size, rgba: Array(noise.prefix(size * size * 4)))
    let temporary = "\(folder)/.large.png.\(getpid()).tmp"
    let writer = Thread { try? image.write(to: folder + "/large.png") }
    writer.start()
    while !FileManager.default.fileExists(atPath: temporary) { usleep(200) }
    kill(getpid(), signalNumber)
    sleep(30)   // the signal ends the process long before this
}
