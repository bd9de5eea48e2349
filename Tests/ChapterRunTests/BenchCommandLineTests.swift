import Foundation
import Testing

/// The benchmark's choice of steps and threads, and its refusals, from the command line.
@Suite("Benchmark command line")
struct BenchCommandLineTests {
    /// Runs the built `bench` with `arguments` in a fresh folder.
    func bench(_ arguments: [String]) throws -> ChapterRun {
        let work = try ChapterRun.temporaryFolder("bench")
        defer { try? FileManager.default.removeItem(at: work) }
        return try ChapterRun.run(executable: ChapterRun.binaryFolder.appendingPathComponent("bench").path, arguments, in: work)
    }

    @Test func aThreadCountBeyondTheCoresIsRefusedWithTheLimit() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for wrong in [0, cores + 1] {
            let run = try bench(["--threads", "\(wrong)"])
            #expect(run.status == 64)
            #expect(run.errors.contains("--threads must be between 1 and \(cores)"), "\(run.errors)")
            #expect(!run.output.contains("Matrix product"), "nothing is timed after a refusal")
        }
    }

    @Test func aModelNoStepMatchesIsRefusedWithTheStepsThereAre() throws {
        let run = try bench(["--only", "step", "--model", "T=99"])
        #expect(run.status == 64)
        #expect(run.errors.contains("no training step's label contains 'T=99'"), "\(run.errors)")
        #expect(run.errors.contains("'small, no attention, T=10'"), "the refusal lists the steps: \(run.errors)")
    }

    @Test func modelAndThreadsPickOneRowAndOneColumn() throws {
        let run = try bench(["--only", "step", "--model", "small, no", "--threads", "1", "--quick"])
        #expect(run.status == 0, "\(run.errors)")
        // Two tables, each a row per step: the times, then what the products need at the core's ceiling.
        let tables = tableRows(run.output)
        #expect(tables.count == 2, "\(run.output)")
        for rows in tables {
            #expect(rows.count == 1 && rows.first?.hasPrefix("small, no attention, T=10") == true, "\(run.output)")
        }
        #expect(run.output.contains("GFLOP/s"), "the ceiling the second table uses is printed: \(run.output)")
        #expect(run.output.contains("1 thread") && !run.output.contains("threads "), "\(run.output)")
        #expect(!run.output.contains("Speed-up"), "one thread count leaves no speed-up to print")
    }

    /// The rows of each table in `output`: the lines after a line of dashes, up to the next empty line.
    func tableRows(_ output: String) -> [[Substring]] {
        var tables: [[Substring]] = [], current: [Substring]? = nil
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---") {
                current = []
            } else if line.isEmpty, let rows = current {
                tables.append(rows)
                current = nil
            } else {
                current?.append(line)
            }
        }
        return tables
    }
}
