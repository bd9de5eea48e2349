/// A map from values in 0...1 to colours, for heatmaps and colour bars.
public enum ColorMap: Sendable, Equatable {
    /// Dark purple through blue and green to yellow: perceptually uniform, readable in grey print.
    case viridis
    /// Black (0) to white (1).
    case grey

    /// Anchor colours of the viridis-like map at 0, 1/8, ..., 1; colours between are interpolated.
    static let viridisAnchors: [RGB] = [
        0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
        0x1f9e89, 0x35b779, 0x6ece58, 0xfde725,
    ].map { RGB(hex: $0) }

    /// The colour at `t` (clamped to 0...1; NaN gives the colour at 0).
    public func color(at t: Double) -> RGB {
        let u = t.isNaN ? 0 : min(max(t, 0), 1)
        switch self {
        case .grey:
            let v = UInt8((u * 255).rounded())
            return RGB(v, v, v)
        case .viridis:
            let anchors = ColorMap.viridisAnchors
            let position = u * Double(anchors.count - 1)
            let index = min(Int(position), anchors.count - 2)
            return anchors[index].mixed(with: anchors[index + 1], position - Double(index))
        }
    }
}
