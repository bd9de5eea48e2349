// The speed benchmarks: `swift run bench` runs every section, `--only NAME` picks some.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One part of the benchmark, run when it is selected on the command line.
struct BenchmarkSection: Sendable {
    /// The name `--only` selects it by.
    var name: String
    /// A one-line description for `--help`.
    var summary: String
    /// Prints the section's table.
    var run: @Sendable (BenchmarkOptions) -> Void
}

/// What the command line asked for.
struct BenchmarkOptions: Sendable {
    /// Sections to run, by name; empty means all.
    var only: [String] = []
    /// Fewer sizes and repetitions, for a smoke test that takes seconds.
    var quick = false
}

/// Every section, in the order they run. Add a new benchmark by appending it here.
let sections: [BenchmarkSection] = [
    matrixMultiplySection,
    trainingStepSection,
]

@MainActor
func usage() -> String {
    var text = """
        usage: bench [--only SECTION]... [--quick] [--help]
          --only SECTION  run only this section (repeatable); default: all
          --quick         fewer sizes and repetitions
        sections:
        """
    for section in sections {
        text += "\n  " + section.name.padding(to: 14) + section.summary
    }
    return text
}

extension String {
    /// The string padded on the right with spaces to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

@MainActor
func parseOptions(_ arguments: [String]) -> BenchmarkOptions {
    var options = BenchmarkOptions()
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--only":
            guard let name = rest.popFirst() else { fail("--only needs a section name") }
            guard sections.contains(where: { $0.name == name }) else {
                fail("unknown section '\(name)'; sections: "
                    + sections.map(\.name).joined(separator: ", "))
            }
            options.only.append(name)
        case "--quick":
            options.quick = true
        case "--help", "-h":
            print(usage())
            exit(0)
        default:
            fail("unknown argument '\(argument)'")
        }
    }
    return options
}

@MainActor
func fail(_ message: String) -> Never {
    let text = "bench: " + message + "\n" + usage() + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(2)
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
for section in sections where options.only.isEmpty || options.only.contains(section.name) {
    section.run(options)
}
