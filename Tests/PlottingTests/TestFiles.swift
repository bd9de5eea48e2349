import Foundation

/// A fresh empty folder under the system's temporary folder for one test.
func scratchFolder(_ name: String = #function) -> String {
    let clean = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "plotting-tests-\(clean)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Whether a pixel is "ink" (clearly darker than the white background).
func isInk(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool {
    Int(r) + Int(g) + Int(b) < 3 * 200
}
