/// Packing for the Float32 product: copies blocks of op(A) into panels of 6 or 8 rows and blocks
/// of op(B) into panels of 16 or 32 columns (the tile's width), in the order the micro-kernel reads them.
extension Float {
    static func packA(transposed: Bool, a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        // Whole panels with vector moves where the panel's rows make whole vectors; the rest (a
        // partial last panel, and 6-row panels of A as stored) one element at a time.
        let height = FloatPanels.rows
        var destination = packed
        var i0 = 0
        if transposed {
            // A column of a panel is `height` neighbours in one row of the stored A.
            while i0 + height <= rows {
                var source = UnsafeRawPointer(a + i0)
                var target = UnsafeMutableRawPointer(destination)
                let step = lda * MemoryLayout<Float>.stride
                for _ in 0..<depth {
                    if height == 8 {
                        target.storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                    } else {
                        target.storeBytes(of: source.loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
                        target.storeBytes(of: source.loadUnaligned(fromByteOffset: 16, as: SIMD2<Float>.self),
                                          toByteOffset: 16, as: SIMD2<Float>.self)
                    }
                    target += height * MemoryLayout<Float>.stride
                    source += step
                }
                destination += height * depth
                i0 += height
            }
        } else if height == 8 {
            // Eight rows by eight columns at a time, transposed in registers.
            while i0 + 8 <= rows {
                let first = a + i0 * lda
                var p = 0
                while p + 8 <= depth {
                    transpose8x8(from: first + p, stride: lda, to: destination + p * 8, stride: 8)
                    p += 8
                }
                for q in p..<depth {
                    for r in 0..<8 { destination[q * 8 + r] = first[r * lda + q] }
                }
                destination += 8 * depth
                i0 += 8
            }
        }
        if i0 < rows {
            packPanels(of: FloatPanels.self, transposed: transposed, a: transposed ? a + i0 : a + i0 * lda, lda: lda,
                       rows: rows - i0, depth: depth, into: destination)
        }
    }

    static func packB(transposed: Bool, b: UnsafePointer<Float>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        // Panels as wide as the micro-kernel's tile: 16 columns (AVX2) or 32 (AVX-512), moved as
        // groups of eight.
        let width = 2 * FloatKernelVector.scalarCount, groups = width / 8
        var destination = UnsafeMutableRawPointer(packed)
        var j0 = 0
        while j0 < columns {
            let panelColumns = Swift.min(width, columns - j0)
            if panelColumns == width && !transposed {
                var source = UnsafeRawPointer(b + j0)
                let step = ldb * MemoryLayout<Float>.stride
                for _ in 0..<depth {
                    for g in 0..<groups {
                        destination.storeBytes(of: source.loadUnaligned(fromByteOffset: 32 * g, as: SIMD8<Float>.self),
                                               toByteOffset: 32 * g, as: SIMD8<Float>.self)
                    }
                    destination += 4 * width
                    source += step
                }
            } else if panelColumns == width {
                let panel = destination.assumingMemoryBound(to: Float.self)
                let source = b + j0 * ldb
                var p = 0
                while p + 8 <= depth {
                    for g in 0..<groups {
                        transpose8x8(from: source + 8 * g * ldb + p, stride: ldb, to: panel + p * width + 8 * g,
                                     stride: width)
                    }
                    p += 8
                }
                for c in 0..<width {
                    for q in p..<depth { panel[q * width + c] = source[c * ldb + q] }
                }
                destination += depth * 4 * width
            } else {
                // The last, partial panel: zeros, then the valid columns.
                let panel = destination.assumingMemoryBound(to: Float.self)
                panel.update(repeating: 0, count: width * depth)
                if transposed {
                    for c in 0..<panelColumns {
                        let column = b + (j0 + c) * ldb
                        for p in 0..<depth { panel[p * width + c] = column[p] }
                    }
                } else {
                    for p in 0..<depth {
                        let row = b + p * ldb + j0
                        for c in 0..<panelColumns { panel[p * width + c] = row[c] }
                    }
                }
                destination += depth * 4 * width
            }
            j0 += width
        }
    }

    /// Writes the transpose of the 8 × 8 block at `source` (rows `sourceStride` apart) to
    /// `target` (rows `targetStride` apart), with three rounds of in-register shuffles.
    @inline(__always)
    static func transpose8x8(from source: UnsafePointer<Float>, stride sourceStride: Int,
                             to target: UnsafeMutablePointer<Float>, stride targetStride: Int) {
        typealias V = SIMD8<Float>
        @inline(__always) func row(_ i: Int) -> V {
            UnsafeRawPointer(source + i * sourceStride).loadUnaligned(as: V.self)
        }
        // Interleave pairs of rows, then pairs of pairs, then the 128-bit halves.
        @inline(__always) func low(_ a: V, _ b: V) -> V { V(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]) }
        @inline(__always) func high(_ a: V, _ b: V) -> V { V(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]) }
        @inline(__always) func lowPairs(_ a: V, _ b: V) -> V { V(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5]) }
        @inline(__always) func highPairs(_ a: V, _ b: V) -> V { V(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7]) }
        @inline(__always) func lowHalves(_ a: V, _ b: V) -> V { V(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]) }
        @inline(__always) func highHalves(_ a: V, _ b: V) -> V { V(a[4], a[5], a[6], a[7], b[4], b[5], b[6], b[7]) }
        @inline(__always) func store(_ i: Int, _ v: V) {
            UnsafeMutableRawPointer(target + i * targetStride).storeBytes(of: v, as: V.self)
        }
        let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
        let r4 = row(4), r5 = row(5), r6 = row(6), r7 = row(7)
        let t0 = low(r0, r1), t1 = high(r0, r1), t2 = low(r2, r3), t3 = high(r2, r3)
        let t4 = low(r4, r5), t5 = high(r4, r5), t6 = low(r6, r7), t7 = high(r6, r7)
        let s0 = lowPairs(t0, t2), s1 = highPairs(t0, t2), s2 = lowPairs(t1, t3), s3 = highPairs(t1, t3)
        let s4 = lowPairs(t4, t6), s5 = highPairs(t4, t6), s6 = lowPairs(t5, t7), s7 = highPairs(t5, t7)
        store(0, lowHalves(s0, s4)); store(1, lowHalves(s1, s5))
        store(2, lowHalves(s2, s6)); store(3, lowHalves(s3, s7))
        store(4, highHalves(s0, s4)); store(5, highHalves(s1, s5))
        store(6, highHalves(s2, s6)); store(7, highHalves(s3, s7))
    }
}
