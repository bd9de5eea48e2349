/// Loops that fill arrays with seeded random numbers, specialised for Float and Double.
enum RandomKernels {
    /// `count` samples from N(mean, standardDeviation²).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func normal<T: TensorScalar>(count: Int, mean: T, standardDeviation: T,
                                        generator: inout SeededGenerator) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = mean + standardDeviation * T(generator.nextNormal()) }
            initialized = count
        }
    }

    /// `count` samples from the uniform distribution on [low, high).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func uniform<T: TensorScalar>(count: Int, low: T, high: T, generator: inout SeededGenerator) -> [T] {
        drawing(count: count, generator: &generator) { low + (high - low) * T($0.nextUniform()) }
    }

    /// `count` values that are `scale` with probability `keep` and 0 otherwise.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func mask<T: TensorScalar>(count: Int, keep: Double, scale: T, generator: inout SeededGenerator) -> [T] {
        drawing(count: count, generator: &generator) { $0.nextUniform() < keep ? scale : 0 }
    }

    /// `count` values of `value`, each made from exactly one draw of the generator, in order: the
    /// array and the generator's state afterwards are those of one loop, but a long array is cut
    /// into runs (`ElementwiseKernels.chunks`), each drawing from the generator advanced to its start.
    @inline(__always)
    private static func drawing<T: TensorScalar>(count: Int, generator: inout SeededGenerator,
                                                 _ value: (inout SeededGenerator) -> T) -> [T] {
        let start = generator
        let values = [T](unsafeUninitializedCapacity: count) { out, initialized in
            if let o = out.baseAddress {
                ElementwiseKernels.chunks(count) { run in
                    var local = start.advanced(by: run.lowerBound)
                    for i in run { o[i] = value(&local) }
                }
            }
            initialized = count
        }
        generator = start.advanced(by: count)
        return values
    }
}
