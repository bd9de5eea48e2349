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
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = low + (high - low) * T(generator.nextUniform()) }
            initialized = count
        }
    }

    /// `count` values that are `scale` with probability `keep` and 0 otherwise.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func mask<T: TensorScalar>(count: Int, keep: Double, scale: T, generator: inout SeededGenerator) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = generator.nextUniform() < keep ? scale : 0 }
            initialized = count
        }
    }
}
