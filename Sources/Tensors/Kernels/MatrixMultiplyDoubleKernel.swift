/// The Float64 micro-kernel and packing: tiles of 6 × 8, held in twelve `SIMD4<Double>`
/// accumulators (twelve of the sixteen AVX registers; the rest hold two rows of B and a
/// broadcast element of A), updated with fused multiply-adds.
extension Double: MatrixMultiplyScalar {
    static var tiling: MatrixTiling {
        MatrixTiling(microRows: 6, microColumns: 8, blockRows: 120, blockDepth: 256, blockColumns: 1024)
    }

    static func packA(transposed: Bool, a: UnsafePointer<Double>, lda: Int, rows: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Double>, panelStride: Int) {
        packPanels(of: SixRowPanels.self, transposed: transposed, a: a, lda: lda, rows: rows, depth: depth,
                   into: packed, panelStride: panelStride)
    }

    static func packB(transposed: Bool, b: UnsafePointer<Double>, ldb: Int, depth: Int, columns: Int,
                      into packed: UnsafeMutablePointer<Double>, panelStride: Int) {
        var j0 = 0
        while j0 < columns {
            let panelColumns = Swift.min(8, columns - j0)
            var destination = UnsafeMutableRawPointer(packed + j0 / 8 * panelStride)
            if panelColumns == 8 && !transposed {
                var source = UnsafeRawPointer(b + j0)
                let step = ldb * MemoryLayout<Double>.stride
                for _ in 0..<depth {
                    let low = source.loadUnaligned(as: SIMD4<Double>.self)
                    let high = source.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
                    destination.storeBytes(of: low, as: SIMD4<Double>.self)
                    destination.storeBytes(of: high, toByteOffset: 32, as: SIMD4<Double>.self)
                    destination += 64
                    source += step
                }
            } else if panelColumns == 8 {
                let panel = destination.assumingMemoryBound(to: Double.self)
                for c in 0..<8 {
                    let source = b + (j0 + c) * ldb
                    for p in 0..<depth { panel[p * 8 + c] = source[p] }
                }
            } else {
                let panel = destination.assumingMemoryBound(to: Double.self)
                for p in 0..<depth {
                    for c in 0..<8 {
                        let j = j0 + c
                        panel[p * 8 + c] = c < panelColumns ? (transposed ? b[j * ldb + p] : b[p * ldb + j]) : 0
                    }
                }
            }
            j0 += 8
        }
    }

    static func microKernel(depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                            c: UnsafeMutablePointer<Double>, ldc: Int, source: UnsafePointer<Double>, lds: Int,
                            rows: Int, columns: Int,
                            alpha: Double, beta: Double, prefetch _: UnsafeRawPointer?, prefetchLines _: Int) {
        typealias V = SIMD4<Double>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var pa = a
        var pb = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let b0 = pb.loadUnaligned(as: V.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 32, as: V.self)
            var e = V(repeating: pa[0])
            c00.addProduct(e, b0); c01.addProduct(e, b1)
            e = V(repeating: pa[1])
            c10.addProduct(e, b0); c11.addProduct(e, b1)
            e = V(repeating: pa[2])
            c20.addProduct(e, b0); c21.addProduct(e, b1)
            e = V(repeating: pa[3])
            c30.addProduct(e, b0); c31.addProduct(e, b1)
            e = V(repeating: pa[4])
            c40.addProduct(e, b0); c41.addProduct(e, b1)
            e = V(repeating: pa[5])
            c50.addProduct(e, b0); c51.addProduct(e, b1)
            pa += 6
            pb += 64
        }
        if rows == 6 && columns == 8 {
            let scaledAlpha = V(repeating: alpha)
            let scaledBeta = V(repeating: beta)
            @inline(__always)
            func update(_ row: Int, _ low: V, _ high: V) {
                let target = UnsafeMutableRawPointer(c + row * ldc), old = UnsafeRawPointer(source + row * lds)
                var newLow = low * scaledAlpha
                var newHigh = high * scaledAlpha
                if beta != 0 {
                    newLow.addProduct(scaledBeta, old.loadUnaligned(as: V.self))
                    newHigh.addProduct(scaledBeta, old.loadUnaligned(fromByteOffset: 32, as: V.self))
                }
                target.storeBytes(of: newLow, as: V.self)
                target.storeBytes(of: newHigh, toByteOffset: 32, as: V.self)
            }
            update(0, c00, c01); update(1, c10, c11); update(2, c20, c21)
            update(3, c30, c31); update(4, c40, c41); update(5, c50, c51)
            return
        }
        withUnsafeTemporaryAllocation(of: V.self, capacity: 12) { tile in
            tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11; tile[4] = c20; tile[5] = c21
            tile[6] = c30; tile[7] = c31; tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51
            let products = UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: Double.self)
            for r in 0..<rows {
                let target = c + r * ldc, old = source + r * lds
                for j in 0..<columns {
                    let product = alpha * products[r * 8 + j]
                    target[j] = beta == 0 ? product : product + beta * old[j]
                }
            }
        }
    }
}
