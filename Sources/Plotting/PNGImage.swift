import CLibPNG
import ArgumentChecks

/// An 8-bit RGBA image read from (or to be written to) a PNG file through libpng's simplified API.
public struct PNGImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Row-major RGBA bytes, 4 per pixel, top row first.
    public let rgba: [UInt8]

    /// An image from its RGBA bytes; `rgba.count` must be `width * height * 4`.
    public init(width: Int, height: Int, rgba: [UInt8]) {
        require(width > 0 && height > 0 && rgba.count == width * height * 4, "PNGImage",
                "width \(width) and height \(height) need \(width * height * 4) bytes, got \(rgba.count)")
        self.width = width; self.height = height; self.rgba = rgba
    }

    /// The colour of pixel (x, y), ignoring alpha; (0, 0) is the top-left corner.
    public func pixel(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 4
        return RGB(rgba[i], rgba[i + 1], rgba[i + 2])
    }

    /// The alpha of pixel (x, y).
    public func alpha(x: Int, y: Int) -> UInt8 { rgba[(y * width + x) * 4 + 3] }

    /// Reads any PNG file and converts it to 8-bit RGBA.
    public static func read(_ path: String) throws -> PNGImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            let reason = libpngMessage(&image)
            png_image_free(&image)
            throw PlotError.cannotRead(path: path, reason: reason)
        }
        image.format = rgbaFormat
        let width = Int(image.width), height = Int(image.height)
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        let ok = bytes.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * 4), nil)
        }
        guard ok != 0 else {
            let reason = libpngMessage(&image)
            png_image_free(&image)
            throw PlotError.cannotRead(path: path, reason: reason)
        }
        return PNGImage(width: width, height: height, rgba: bytes)
    }

    /// Writes the image as an 8-bit RGBA PNG, atomically (see `writePNG(path:width:height:bytes:channels:)`).
    public func write(to path: String) throws {
        try writePNG(path: path, width: width, height: height, bytes: rgba, channels: 4)
    }
}

/// libpng's format code for RGB (PNG_FORMAT_FLAG_COLOR).
let rgbFormat: UInt32 = 0x02
/// libpng's format code for RGBA (PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA).
let rgbaFormat: UInt32 = 0x03

/// The error text libpng left in `image.message`.
func libpngMessage(_ image: inout png_image) -> String {
    let text = withUnsafeBytes(of: &image.message) { raw -> String in
        let bytes = raw.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
    return text.isEmpty ? "libpng reported an error" : text
}

/// Writes 8-bit RGB (`channels == 3`) or RGBA (`channels == 4`) pixels to a PNG file at `path`.
///
/// Missing folders are created. The file is first written to a temporary file in the same folder
/// and then renamed over `path`, so an interrupted run never leaves a half-written figure; SIGINT or
/// SIGTERM meanwhile removes the temporary file, and leftovers of runs killed otherwise are removed
/// from the folder the next time a figure is written into it.
func writePNG(path: String, width: Int, height: Int, bytes: [UInt8], channels: Int) throws {
    require(channels == 3 || channels == 4, "writePNG", "channels must be 3 or 4, got \(channels)")
    require(bytes.count == width * height * channels, "writePNG",
            "\(bytes.count) bytes for \(width)×\(height) pixels of \(channels) channels")
    guard !path.isEmpty, !path.hasSuffix("/") else {
        throw PlotError.cannotWrite(path: path, reason: "the path does not name a file")
    }
    let folder = FileSystem.parentFolder(of: path)
    try FileSystem.createFolders(folder, forWriting: path)
    if FileSystem.isFolder(path) {
        throw PlotError.cannotWrite(path: path, reason: "a folder of that name exists")
    }
    StaleTemporaryFiles.removeOnce(in: folder)
    let temporary = FileSystem.temporaryPath(beside: path)
    let slot = InFlightTemporaryFiles.register(temporary)    // removed if SIGINT or SIGTERM comes meanwhile
    defer { InFlightTemporaryFiles.unregister(slot) }
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    image.width = UInt32(width)
    image.height = UInt32(height)
    image.format = channels == 4 ? rgbaFormat : rgbFormat
    let ok = bytes.withUnsafeBytes { buffer in
        png_image_write_to_file(&image, temporary, 0, buffer.baseAddress, Int32(width * channels), nil)
    }
    guard ok != 0 else {
        let reason = libpngMessage(&image)
        png_image_free(&image)
        FileSystem.remove(temporary)
        throw PlotError.cannotWrite(path: path, reason: reason)
    }
    try FileSystem.rename(temporary, to: path)
}
