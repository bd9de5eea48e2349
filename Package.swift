// swift-tools-version: 6.0
import PackageDescription
#if os(Linux)
import Foundation
#endif

/// Flags for the numeric libraries. SwiftPM's default debug build compiles at -Onone, where
/// element loops run 10–200× slower; a later `-O` wins, so every chapter gets fast kernels
/// even under plain `swift run`. On x86_64 Linux, AVX2 and FMA are enabled when this CPU has them.
func optimisedFlags() -> [String] {
    var flags = ["-O"]
    #if arch(x86_64) && os(Linux)
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       info.contains(" avx2"), info.contains(" fma") {
        flags += ["-Xcc", "-mavx2", "-Xcc", "-mfma"]
    }
    #endif
    return flags
}

let optimised: [SwiftSetting] = [.unsafeFlags(optimisedFlags())]
let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

/// The chapters: each lives in `Chapters/chapterN` and runs with `swift run chapterN`.
let chapterNames = (1...5).map { "chapter\($0)" }
let chapters: [Target] = chapterNames.map { name in
    .executableTarget(
        name: name,
        dependencies: ["Tensors", "Layers", "Models", "Plotting", "Notebook", "Datasets", "Exercises"],
        path: "Chapters/\(name)",
        linkerSettings: libm)
}

let package = Package(
    name: "AutoencodersAndAttention",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Plotting", targets: ["Plotting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Libraries, each importing only those below it.
        .target(name: "Tensors", swiftSettings: optimised, linkerSettings: libm),
        .target(name: "Layers", dependencies: ["Tensors"], swiftSettings: optimised, linkerSettings: libm),
        .target(name: "Models", dependencies: ["Tensors", "Layers"], swiftSettings: optimised, linkerSettings: libm),
        .systemLibrary(
            name: "CLibPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .target(name: "Plotting", dependencies: ["CLibPNG"], swiftSettings: optimised, linkerSettings: libm),
        .target(name: "Datasets", dependencies: ["Tensors"], swiftSettings: optimised, linkerSettings: libm),
        .target(
            name: "Notebook",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: optimised, linkerSettings: libm),

        .target(
            name: "Exercises", dependencies: ["Tensors", "Layers", "Models", "Notebook", "Datasets"],
            swiftSettings: optimised, linkerSettings: libm),

        // Executables.
        .executableTarget(name: "bench", dependencies: ["Tensors", "Layers", "Models"], path: "Chapters/bench",
                          linkerSettings: libm),
        .executableTarget(name: "gallery", dependencies: ["Plotting", "Tensors"], path: "Chapters/gallery",
                          linkerSettings: libm),

        // Tests: one suite per library.
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"], linkerSettings: libm),
        .testTarget(name: "LayersTests", dependencies: ["Layers"], linkerSettings: libm),
        .testTarget(name: "ModelsTests", dependencies: ["Models"], linkerSettings: libm),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"], linkerSettings: libm),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors"], linkerSettings: libm),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"], linkerSettings: libm),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises"], linkerSettings: libm),
        // Runs every chapter with --quick; depends on them so `swift test` builds them.
        .testTarget(name: "ChapterRunTests", dependencies: ["Plotting"] + chapterNames.map { .target(name: $0) },
                    linkerSettings: libm),
    ] + chapters
)
