// The machine a measurement ran on, named in every benchmark's header.

import Foundation
import Tensors

/// What a reader needs to know to compare a timing: the CPU, its cores and the kernels used.
public enum MachineDescription {
    /// One line, e.g. "AMD EPYC (family 25, model 1), 2 cores; kernels: AVX2 + FMA (256-bit vectors)".
    public static var current: String {
        "\(processorName), \(MatrixMultiply.maximumThreads) cores; kernels: \(KernelTarget.vectorExtensions)"
    }

    /// The CPU's name as the operating system reports it, with its family and model on x86-64 Linux.
    public static var processorName: String {
        #if os(Linux)
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        func field(_ name: String) -> String? {
            for line in info.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
        let name = field("model name") ?? field("Processor") ?? "unknown CPU"
        if let family = field("cpu family"), let model = field("model") {
            return "\(name) (family \(family), model \(model))"
        }
        return name
        #elseif canImport(Darwin)
        var size = 0
        guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else { return "unknown CPU" }
        var bytes = [CChar](repeating: 0, count: size)
        guard sysctlbyname("machdep.cpu.brand_string", &bytes, &size, nil, 0) == 0 else { return "unknown CPU" }
        return String(cString: bytes)
        #else
        return "unknown CPU"
        #endif
    }
}
