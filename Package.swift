// swift-tools-version: 6.0
import PackageDescription
import Foundation

/// The vector instructions the numeric libraries are compiled for.
enum KernelInstructions: String {
    /// AVX-512F on top of AVX2 and FMA: 512-bit vectors in the Float32 matrix product and in exp, tanh and σ.
    case avx512
    /// AVX2 and FMA: 256-bit vectors.
    case avx2
    /// None: the portable build, which also tests that the kernels are right without them.
    case generic
}

/// The best instructions this x86_64 Linux machine has, unless the environment chooses:
/// AUTOENCODERS_KERNELS=avx512, avx2 or generic (AUTOENCODERS_GENERIC_KERNELS=1 also means generic).
/// Every choice gives the same bits; the compilation conditions KERNELS_AVX2_FMA and KERNELS_AVX512
/// tell the code which was chosen.
func kernelInstructions() -> KernelInstructions {
    #if arch(x86_64) && os(Linux)
    let environment = ProcessInfo.processInfo.environment
    if environment["AUTOENCODERS_GENERIC_KERNELS"] == "1" { return .generic }
    if let name = environment["AUTOENCODERS_KERNELS"], !name.isEmpty {
        guard let chosen = KernelInstructions(rawValue: name) else {
            fatalError("AUTOENCODERS_KERNELS=\(name): expected avx512, avx2 or generic")
        }
        return chosen
    }
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          info.contains(" avx2"), info.contains(" fma") else { return .generic }
    return info.contains(" avx512f") ? .avx512 : .avx2
    #else
    return .generic
    #endif
}

let instructions = kernelInstructions()
let avx2 = instructions != .generic
/// The vector instructions as compiler flags (clang's -m flags also set the target features of Swift's code
/// generation), and the conditions that tell the code which were chosen.
let instructionFlags: [String] = (avx2 ? ["-Xcc", "-mavx2", "-Xcc", "-mfma", "-DKERNELS_AVX2_FMA"] : [])
    + (instructions == .avx512 ? ["-Xcc", "-mavx512f", "-DKERNELS_AVX512"] : [])
/// Flags for the numeric libraries. SwiftPM's default debug build compiles at -Onone, where element
/// loops run 10–200× slower; a later `-O` wins, so every chapter gets fast kernels under plain `swift run`.
/// Cross-module optimisation lets a client specialise the libraries' generic code for Float or Double
/// (a chapter's model, the graph of a backward pass), instead of running it through generic metadata.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O", "-cross-module-optimization"] + instructionFlags)]
/// Flags for the executables: the libraries' code that their optimiser specialises is compiled with the
/// same instructions as the libraries themselves (their own optimisation level is the build's).
let executableInstructions: [SwiftSetting] = instructionFlags.isEmpty ? [] : [.unsafeFlags(instructionFlags)]

/// A library of the book, compiled with optimisation even in debug builds.
func library(_ name: String, _ dependencies: [Target.Dependency], exclude: [String] = [],
             resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: dependencies, exclude: ["README.md"] + exclude, resources: resources,
            swiftSettings: optimised)
}

/// The chapters: each lives in `Chapters/chapterN` and runs with `swift run chapterN`.
let chapterNames = (1...7).map { "chapter\($0)" }
let chapters: [Target] = chapterNames.map { name in
    .executableTarget(
        name: name,
        dependencies: ["Tensors", "NeuralNetworks", "Optimizers", "LinearAlgebra", "Models", "Datasets",
                       "Plotting", "Notebook", "Book", "Grading", "Serialization", "Compression"],
        path: "Chapters/\(name)", swiftSettings: executableInstructions)
}

/// The reference solutions and the tests that prove the graders reject wrong answers; a student
/// copy written by `swift run handout` leaves the folder out, and the package builds without it.
let gradingTests: [Target] = FileManager.default.fileExists(atPath: Context.packageDirectory + "/Tests/GradingTests")
    ? [.testTarget(name: "GradingTests", dependencies: ["Grading", "TestSupport"])]
    : []

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "AutoencodersAndAttention",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Plotting", targets: ["Plotting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries reached through module maps.
        .systemLibrary(name: "CMath", path: "Sources/CMath"),
        .systemLibrary(name: "CAllocator", path: "Sources/CAllocator"),
        .systemLibrary(name: "CCacheHints", path: "Sources/CCacheHints"),
        .systemLibrary(
            name: "CLibPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),

        // Stops a build for AVX2 or AVX-512 on a CPU without it, before main; compiled without those instructions.
        .target(name: "CPUCheck", path: "Sources/CPUCheck", exclude: ["README.md"],
                cSettings: (avx2 ? [.define("BOOK_REQUIRES_AVX2_FMA")] : [])
                    + (instructions == .avx512 ? [.define("BOOK_REQUIRES_AVX512F")] : [])),

        // Worker threads that spin briefly between the short parallel loops of a training step.
        .target(name: "CWorkerThreads", path: "Sources/CWorkerThreads", exclude: ["README.md"],
                cSettings: [.unsafeFlags(["-O2"])]),

        // Libraries, each importing only those listed before it.
        library("ArgumentChecks", []),
        library("Tensors", ["ArgumentChecks", "CAllocator", "CCacheHints", "CMath", "CPUCheck", "CWorkerThreads"]),
        library("NeuralNetworks", ["Tensors", "CMath"]),
        library("Optimizers", ["Tensors", "CMath"]),
        library("LinearAlgebra", ["Tensors", "CMath"]),
        library("Serialization", ["Tensors"]),
        library("Datasets", ["Tensors", "CMath"], exclude: ["Resources/convert-uci-digits.py"],
                resources: [.copy("Resources/uci-digits.bin")]),
        library("Models", ["Tensors", "NeuralNetworks", "Optimizers", "Datasets", "CMath"]),
        library("Compression", ["ArgumentChecks", "CMath"]),
        library("Plotting", ["ArgumentChecks", "CLibPNG", "CMath"]),
        library("Notebook", ["ArgumentChecks", argumentParser]),
        library("Book", ["ArgumentChecks", "Tensors", "NeuralNetworks", "Optimizers", "Models", "Datasets", "Plotting", "Notebook"]),
        library("Grading", ["Tensors", "NeuralNetworks", "Optimizers", "LinearAlgebra", "Models", "Datasets",
                            "Notebook"]),

        // Executables beside the chapters: the speed benchmark and the chart gallery.
        .executableTarget(name: "bench", dependencies: ["Tensors", "NeuralNetworks", "Optimizers", "Models", "Book",
                                                       "Notebook", argumentParser],
                          path: "Chapters/bench", exclude: ["peers.py"], swiftSettings: executableInstructions),
        .executableTarget(name: "gallery", dependencies: ["Plotting", "Tensors", "Book", "Notebook", argumentParser],
                          path: "Chapters/gallery", swiftSettings: executableInstructions),
        // Tools for authors and instructors: regenerate every figure, write a student copy.
        .executableTarget(name: "regenerate", dependencies: ["Notebook", "gallery"] + chapterNames.map { .target(name: $0) },
                          path: "Chapters/regenerate", swiftSettings: executableInstructions),
        .executableTarget(name: "handout", dependencies: ["Notebook"], path: "Chapters/handout"),

        // Tests: one suite per library, sharing one support library.
        .target(name: "TestSupport", dependencies: ["Tensors", "CMath"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TestSupport"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "NeuralNetworks", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "SerializationTests", dependencies: ["Serialization", "NeuralNetworks", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"]),
        .testTarget(name: "CompressionTests", dependencies: ["Compression"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "BookTests", dependencies: ["Book", "TestSupport"]),
        // Runs every chapter with --quick, and the benchmark's command line; depends on them so
        // `swift test` builds them.
        .testTarget(name: "ChapterRunTests",
                    dependencies: ["Plotting", "Notebook", "handout", "bench"] + chapterNames.map { .target(name: $0) },
                    swiftSettings: (avx2 ? [.define("KERNELS_AVX2_FMA")] : [])
                        + (instructions == .avx512 ? [.define("KERNELS_AVX512")] : [])),
    ] + chapters + gradingTests
)
