import Tensors

/// An element type of a safetensors file that this library reads (it writes F32 and F64).
public enum SafetensorsDType: String, Sendable, CaseIterable {
    /// IEEE half precision.
    case f16 = "F16"
    /// bfloat16: the upper half of a Float32.
    case bf16 = "BF16"
    /// IEEE single precision (`Float`).
    case f32 = "F32"
    /// IEEE double precision (`Double`).
    case f64 = "F64"

    /// The bytes one element takes.
    public var byteCount: Int {
        switch self {
        case .f16, .bf16: return 2
        case .f32: return 4
        case .f64: return 8
        }
    }

    /// The dtype that stores `S` without loss: F32 for `Float`, F64 for `Double`.
    public static func storing<S: TensorScalar>(_: S.Type) -> SafetensorsDType {
        MemoryLayout<S>.size == 4 ? .f32 : .f64
    }
}

/// One tensor read from a safetensors file: its dtype, its shape and its raw little-endian bytes.
public struct SafetensorsEntry: Sendable, Equatable {
    /// The element type in the file.
    public let dtype: SafetensorsDType
    /// The size along each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The elements as stored: row-major, little-endian, `dtype.byteCount` bytes each.
    public let data: [UInt8]

    /// Creates an entry; `data` must hold exactly the shape's number of elements of `dtype`.
    public init(dtype: SafetensorsDType, shape: [Int], data: [UInt8]) {
        require(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) * dtype.byteCount == data.count, "SafetensorsEntry",
                "\(data.count) bytes do not hold a \(dtype.rawValue) tensor of shape \(shape)")
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// The number of elements.
    public var count: Int { data.count / dtype.byteCount }

    /// The elements converted to `Double` (exact for every dtype read).
    public var values: [Double] { scalars(as: Double.self) }

    /// The elements converted to `S` (exact, or one rounding from F64 to `Float`).
    public func scalars<S: TensorScalar>(as _: S.Type) -> [S] {
        decodeLittleEndian(data, dtype: dtype, as: S.self)
    }

    /// The entry as a leaf tensor of `S`.
    public func tensor<S: TensorScalar>(as _: S.Type, requiresGradient: Bool = false) -> Tensor<S> {
        Tensor(shape: shape, scalars: scalars(as: S.self), requiresGradient: requiresGradient)
    }
}

/// Converts little-endian elements of `dtype` to `S`.
@_specialize(where S == Float)
@_specialize(where S == Double)
func decodeLittleEndian<S: TensorScalar>(_ data: [UInt8], dtype: SafetensorsDType, as _: S.Type) -> [S] {
    let count = data.count / dtype.byteCount
    return data.withUnsafeBytes { raw in
        [S](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch dtype {
            case .f32:
                for i in 0..<count {
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    buffer[i] = S(Float(bitPattern: bits))
                }
            case .f64:
                for i in 0..<count {
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                    buffer[i] = S(Double(bitPattern: bits))
                }
            case .bf16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    buffer[i] = S(Float(bitPattern: UInt32(bits) << 16))
                }
            case .f16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    buffer[i] = S(halfPrecisionValue(bits))
                }
            }
            initialized = count
        }
    }
}

/// Appends the elements' little-endian bytes (their in-memory bytes on a little-endian machine).
func appendLittleEndian<S: TensorScalar>(_ scalars: [S], to bytes: inout [UInt8]) {
    scalars.withUnsafeBytes { raw in
        #if _endian(little)
        bytes.append(contentsOf: raw)
        #else
        let size = MemoryLayout<S>.size
        for start in stride(from: 0, to: raw.count, by: size) {
            bytes.append(contentsOf: raw[start..<start + size].reversed())
        }
        #endif
    }
}

/// The value of an IEEE half-precision bit pattern (sign, 5 exponent bits, 10 fraction bits).
func halfPrecisionValue(_ bits: UInt16) -> Double {
    let sign: Double = bits & 0x8000 == 0 ? 1 : -1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24  // zero and subnormals
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
