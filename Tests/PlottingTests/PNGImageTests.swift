import Foundation
import Testing
import TestSupport
@testable import Plotting

@Suite("PNGImage")
struct PNGImageTests {
    @Test("a canvas written and read back has the same size and pixels")
    func roundTrip() throws {
        var canvas = Canvas(width: 7, height: 5, background: RGB(10, 20, 30))
        canvas.fill(Rect(x: 2, y: 1, width: 3, height: 2), color: RGB(200, 100, 50))
        let path = scratchFolder() + "/round.png"
        try canvas.write(to: path)
        let image = try PNGImage.read(path)
        #expect(image.width == 7 && image.height == 5)
        for y in 0..<5 {
            for x in 0..<7 {
                let inside = (2..<5).contains(x) && (1..<3).contains(y)
                #expect(image.pixel(x: x, y: y) == (inside ? RGB(200, 100, 50) : RGB(10, 20, 30)))
                #expect(image.alpha(x: x, y: y) == 255)
            }
        }
    }

    @Test("RGBA images keep their alpha")
    func rgbaRoundTrip() throws {
        let bytes: [UInt8] = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 9]
        let path = scratchFolder() + "/rgba.png"
        try PNGImage(width: 2, height: 2, rgba: bytes).write(to: path)
        #expect(try PNGImage.read(path).rgba == bytes)
    }

    @Test("missing folders are created and no temporary file is left behind")
    func createsFolders() throws {
        let root = scratchFolder()
        let path = root + "/a/b/c/figure.png"
        try Canvas(width: 3, height: 3).write(to: path)
        #expect(try PNGImage.read(path).width == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/a/b/c") == ["figure.png"])
    }

    @Test("writing over an existing figure replaces it")
    func replaces() throws {
        let path = scratchFolder() + "/figure.png"
        try Canvas(width: 3, height: 3).write(to: path)
        try Canvas(width: 4, height: 2, background: .black).write(to: path)
        let image = try PNGImage.read(path)
        #expect(image.width == 4 && image.height == 2 && image.pixel(x: 0, y: 0) == .black)
    }

    @Test("a path under a regular file gives an error naming the path")
    func underRegularFile() throws {
        let file = scratchFolder() + "/plain.txt"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let path = file + "/figure.png"
        do {
            try Canvas(width: 3, height: 3).write(to: path)
            Issue.record("writing under a regular file succeeded")
        } catch let error as PlotError {
            #expect(error.description.contains(path))
            #expect(error.description.contains("not a folder"))
        }
    }

    @Test("an unwritable system folder gives an error naming the path")
    func unwritableFolder() throws {
        let path = "/proc/plotting-test/figure.png"
        let error = #expect(throws: PlotError.self) { try Canvas(width: 3, height: 3).write(to: path) }
        #expect(error?.description.contains(path) == true)
    }

    @Test("reading a missing or broken file throws")
    func readErrors() throws {
        let folder = scratchFolder()
        #expect(throws: PlotError.self) { try PNGImage.read(folder + "/missing.png") }
        _ = FileManager.default.createFile(atPath: folder + "/bad.png", contents: Data("not a png".utf8))
        #expect(throws: PlotError.self) { try PNGImage.read(folder + "/bad.png") }
    }
}
