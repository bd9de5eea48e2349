/// Whether a pixel is "ink" (clearly darker than the white background).
func isInk(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool {
    Int(r) + Int(g) + Int(b) < 3 * 200
}
