/// An opaque 8-bit sRGB colour.
public struct RGB: Equatable, Hashable, Sendable {
    /// Red, green and blue channels, 0...255.
    public var r: UInt8, g: UInt8, b: UInt8

    /// A colour from its three channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// A colour from a 24-bit hexadecimal value such as `0x1f77b4`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xff), UInt8((hex >> 8) & 0xff), UInt8(hex & 0xff))
    }

    /// Relative luminance in 0...1 (Rec. 709 weights on the 8-bit values).
    public var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    /// The colour `t` of the way from `self` to `other` (t in 0...1).
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return RGB(lerp(r, other.r), lerp(g, other.g), lerp(b, other.b))
    }

    /// White.
    public static let white = RGB(255, 255, 255)
    /// Black.
    public static let black = RGB(0, 0, 0)
    /// The dark grey used for axes, ticks and text.
    public static let ink = RGB(38, 38, 38)
    /// The light grey of grid lines.
    public static let grid = RGB(228, 228, 228)

    /// Ten distinct series colours (blue, orange, green, red, purple, brown, pink, grey, olive, cyan).
    public static let series: [RGB] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { RGB(hex: $0) }

    /// The colour of series number `index`, cycling through `series`.
    public static func series(_ index: Int) -> RGB {
        series[((index % series.count) + series.count) % series.count]
    }
}
