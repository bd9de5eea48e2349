// swift-tools-version: 6.0
import PackageDescription
import Foundation

/// Whether the numeric libraries use AVX2 and FMA: on x86_64 Linux when this CPU has them, unless
/// the environment sets AUTOENCODERS_GENERIC_KERNELS=1 (the portable build, which also tests that the
/// kernels are right without them). The condition KERNELS_AVX2_FMA tells the code which was chosen.
func kernelsUseAVX2() -> Bool {
    #if arch(x86_64) && os(Linux)
    guard ProcessInfo.processInfo.environment["AUTOENCODERS_GENERIC_KERNELS"] != "1",
          let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
    return info.contains(" avx2") && info.contains(" fma")
    #else
    return false
    #endif
}

let avx2 = kernelsUseAVX2()
/// Flags for the numeric libraries. SwiftPM's default debug build compiles at -Onone, where element
/// loops run 10–200× slower; a later `-O` wins, so every chapter gets fast kernels under plain `swift run`.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"] + (avx2 ? ["-Xcc", "-mavx2", "-Xcc", "-mfma", "-DKERNELS_AVX2_FMA"] : []))]

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
        path: "Chapters/\(name)")
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
        .systemLibrary(
            name: "CLibPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),

        // Stops a build for AVX2 on a CPU without it, before main; compiled without those instructions.
        .target(name: "CPUCheck", path: "Sources/CPUCheck", exclude: ["README.md"],
                cSettings: avx2 ? [.define("BOOK_REQUIRES_AVX2_FMA")] : []),

        // Libraries, each importing only those listed before it.
        library("ArgumentChecks", []),
        library("Tensors", ["ArgumentChecks", "CAllocator", "CMath", "CPUCheck"]),
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
                          path: "Chapters/bench", exclude: ["peers.py"]),
        .executableTarget(name: "gallery", dependencies: ["Plotting", "Tensors", "Book", "Notebook", argumentParser],
                          path: "Chapters/gallery"),
        // Tools for authors and instructors: regenerate every figure, write a student copy.
        .executableTarget(name: "regenerate", dependencies: ["Notebook", "gallery"] + chapterNames.map { .target(name: $0) },
                          path: "Chapters/regenerate"),
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
        // Runs every chapter with --quick; depends on them so `swift test` builds them.
        .testTarget(name: "ChapterRunTests",
                    dependencies: ["Plotting", "Notebook", "handout"] + chapterNames.map { .target(name: $0) },
                    swiftSettings: avx2 ? [.define("KERNELS_AVX2_FMA")] : []),
    ] + chapters + gradingTests
)
