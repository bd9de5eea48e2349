/// Packing for the Float32 product: copies blocks of op(A) into panels of 6 or 8 rows and blocks
/// of op(B) into panels of 16 or 32 columns (the tile's width), in the order the micro-kernel reads them.
extension Float {
    static func packA(transposed: Bool, a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Float>, panelStride: Int) {
        // Whole panels with vector moves, or in-register transposes of 8 steps of depth; the rest (a
        // partial last panel) one element at a time.
        let height = FloatPanels.rows
        var destination = packed
        var i0 = 0
        if transposed {
            // A column of a panel is `height` neighbours in one row of the stored A. Eight rows of the
            // stored A at a time, each panel's part of them in turn: that part is 8 · `height`
            // floats in a row of the panel, whole cache lines written at once. Row by row, every
            // panel took one short piece per row, and panels 6 KB apart (6 rows by a depth block of
            // 256) put those pieces in two of L1's sets, where they missed: packing 256 to 1024
            // rows in runs of 32 steps of depth (a weight's gradient) took 0.44-0.53 ns an element
            // that way and 0.15-0.22 ns this way. Eight rows of the stored A, even 4 KB apart, fit
            // in L1's eight ways.
            let panels = rows / height
            let panelBytes = panelStride * MemoryLayout<Float>.stride
            @inline(__always)
            func copyPiece(_ part: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
                if height == 8 {
                    target.storeBytes(of: part.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                } else {
                    target.storeBytes(of: part.loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
                    target.storeBytes(of: part.loadUnaligned(fromByteOffset: 16, as: SIMD2<Float>.self),
                                      toByteOffset: 16, as: SIMD2<Float>.self)
                }
            }
            let pieceBytes = height * MemoryLayout<Float>.stride
            var p = 0
            while p + 8 <= depth {
                var target = UnsafeMutableRawPointer(destination + p * height)
                for q in 0..<panels {
                    let part = UnsafeRawPointer(a + p * lda + q * height)
                    for step in 0..<8 {
                        copyPiece(part + step * lda * MemoryLayout<Float>.stride, to: target + step * pieceBytes)
                    }
                    target += panelBytes
                }
                p += 8
            }
            for p in p..<depth {
                let source = UnsafeRawPointer(a + p * lda)
                var target = UnsafeMutableRawPointer(destination + p * height)
                for q in 0..<panels {
                    copyPiece(source + q * pieceBytes, to: target)
                    target += panelBytes
                }
            }
            destination += panels * panelStride
            i0 = panels * height
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
                destination += panelStride
                i0 += 8
            }
        } else if height == 6 {
            // Six rows by eight steps of depth at a time, transposed in registers; written here in
            // Float rather than left to the generic `packPanels`, which a debug build (`swift run`,
            // each file compiled on its own) would run unspecialised.
            while i0 + 6 <= rows {
                let first = a + i0 * lda
                var p = 0
                while p + 8 <= depth {
                    transpose6x8(from: first + p, stride: lda, to: destination + p * 6)
                    p += 8
                }
                for q in p..<depth {
                    for r in 0..<6 { destination[q * 6 + r] = first[r * lda + q] }
                }
                destination += panelStride
                i0 += 6
            }
        }
        if i0 < rows {
            packPanels(of: FloatPanels.self, transposed: transposed, a: transposed ? a + i0 : a + i0 * lda, lda: lda,
                       rows: rows - i0, depth: depth, into: destination, panelStride: panelStride)
        }
    }

    static func packB(transposed: Bool, b: UnsafePointer<Float>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Float>, panelStride: Int) {
        // Panels as wide as the micro-kernel's tile: 16 columns (AVX2) or 32 (AVX-512), moved as
        // groups of eight.
        let width = 2 * FloatKernelVector.scalarCount, groups = width / 8
        var j0 = 0
        while j0 < columns {
            let panelColumns = Swift.min(width, columns - j0)
            var destination = UnsafeMutableRawPointer(packed + j0 / width * panelStride)
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
            }
            j0 += width
        }
    }

    /// Writes the transpose of the 8 × 8 block at `source` (rows `sourceStride` apart) to
    /// `target` (rows `targetStride` apart).
    @inline(__always)
    static func transpose8x8(from source: UnsafePointer<Float>, stride sourceStride: Int,
                             to target: UnsafeMutablePointer<Float>, stride targetStride: Int) {
        typealias V = SIMD8<Float>
        @inline(__always) func row(_ i: Int) -> V {
            UnsafeRawPointer(source + i * sourceStride).loadUnaligned(as: V.self)
        }
        @inline(__always) func store(_ i: Int, _ v: V) {
            UnsafeMutableRawPointer(target + i * targetStride).storeBytes(of: v, as: V.self)
        }
        let (c0, c1, c2, c3, c4, c5, c6, c7) = transposed(row(0), row(1), row(2), row(3),
                                                          row(4), row(5), row(6), row(7))
        store(0, c0); store(1, c1); store(2, c2); store(3, c3)
        store(4, c4); store(5, c5); store(6, c6); store(7, c7)
    }

    /// Writes the transpose of the 6 × 8 block at `source` (rows `sourceStride` apart) to `target`
    /// as 8 columns of 6, one after the other: eight steps of depth of a 6-row panel of A.
    @inline(__always)
    static func transpose6x8(from source: UnsafePointer<Float>, stride sourceStride: Int,
                             to target: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        @inline(__always) func row(_ i: Int) -> V {
            UnsafeRawPointer(source + i * sourceStride).loadUnaligned(as: V.self)
        }
        // The first six lanes of each column: its four, then its two.
        @inline(__always) func store(_ i: Int, _ v: V) {
            let column = UnsafeMutableRawPointer(target + 6 * i)
            column.storeBytes(of: v.lowHalf, as: SIMD4<Float>.self)
            column.storeBytes(of: SIMD2(v[4], v[5]), toByteOffset: 16, as: SIMD2<Float>.self)
        }
        let (c0, c1, c2, c3, c4, c5, c6, c7) = transposed(row(0), row(1), row(2), row(3), row(4), row(5), V(), V())
        store(0, c0); store(1, c1); store(2, c2); store(3, c3)
        store(4, c4); store(5, c5); store(6, c6); store(7, c7)
    }

    /// The columns of the 8 × 8 matrix with rows r0 … r7, by three rounds of in-register shuffles.
    @inline(__always)
    static func transposed(_ r0: SIMD8<Float>, _ r1: SIMD8<Float>, _ r2: SIMD8<Float>, _ r3: SIMD8<Float>,
                           _ r4: SIMD8<Float>, _ r5: SIMD8<Float>, _ r6: SIMD8<Float>, _ r7: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
            SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        typealias V = SIMD8<Float>
        // Interleave pairs of rows, then pairs of pairs, then the 128-bit halves.
        @inline(__always) func low(_ a: V, _ b: V) -> V { V(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5]) }
        @inline(__always) func high(_ a: V, _ b: V) -> V { V(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7]) }
        @inline(__always) func lowPairs(_ a: V, _ b: V) -> V { V(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5]) }
        @inline(__always) func highPairs(_ a: V, _ b: V) -> V { V(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7]) }
        @inline(__always) func lowHalves(_ a: V, _ b: V) -> V { V(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]) }
        @inline(__always) func highHalves(_ a: V, _ b: V) -> V { V(a[4], a[5], a[6], a[7], b[4], b[5], b[6], b[7]) }
        let t0 = low(r0, r1), t1 = high(r0, r1), t2 = low(r2, r3), t3 = high(r2, r3)
        let t4 = low(r4, r5), t5 = high(r4, r5), t6 = low(r6, r7), t7 = high(r6, r7)
        let s0 = lowPairs(t0, t2), s1 = highPairs(t0, t2), s2 = lowPairs(t1, t3), s3 = highPairs(t1, t3)
        let s4 = lowPairs(t4, t6), s5 = highPairs(t4, t6), s6 = lowPairs(t5, t7), s7 = highPairs(t5, t7)
        return (lowHalves(s0, s4), lowHalves(s1, s5), lowHalves(s2, s6), lowHalves(s3, s7),
                highHalves(s0, s4), highHalves(s1, s5), highHalves(s2, s6), highHalves(s3, s7))
    }
}
