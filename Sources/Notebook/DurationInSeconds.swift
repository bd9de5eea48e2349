/// Durations as the plain numbers of seconds that timings are printed and compared in.
extension Duration {
    /// This duration in seconds, e.g. 0.0042 for 4.2 ms.
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
