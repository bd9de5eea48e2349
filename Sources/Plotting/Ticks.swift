import CMath

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); only positive values can be shown.
    case log
}

/// A tick label: plain text, or a power of ten drawn as a base with a raised exponent.
struct TickLabel: Equatable, Sendable {
    /// The text, or the base ("10") when `exponent` is set.
    var text: String
    /// The raised exponent, if the label is a power.
    var exponent: String?
}

/// One tick on an axis; minor ticks have no label.
struct Tick: Equatable, Sendable {
    var value: Double
    var label: TickLabel?
}

/// Choosing tick values at 1, 2 or 5 × 10^k and writing their labels.
enum TickMaker {
    /// Ticks on a linear axis over `lo...hi`, at most `maxCount` of them, spaced 1, 2 or 5 × 10^k apart.
    static func linear(_ lo: Double, _ hi: Double, maxCount: Int) -> [Tick] {
        let span = hi - lo
        guard span > 0, span.isFinite else { return [Tick(value: lo, label: TickLabel(text: format(lo, step: 1)))] }
        var k = Int(floor(log10(span / Double(max(maxCount, 1))))) - 1
        while true {
            for m in [1.0, 2.0, 5.0] {
                let step = m * pow(10, Double(k))
                let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
                if last - first + 1 <= Double(max(maxCount, 1)) {
                    return stride(from: first, through: last, by: 1).map { i in
                        let v = i * step == 0 ? 0 : i * step
                        return Tick(value: v, label: TickLabel(text: format(v, step: step)))
                    }
                }
            }
            k += 1
        }
    }

    /// Ticks on a log axis over `lo...hi` (both positive): labelled 1, 2, 5 × 10^k (or 1...9 × 10^k
    /// in a narrow range) written as plain numbers when at most `maxLabels` of them fit; otherwise
    /// labelled powers of ten with unlabelled minor ticks.
    static func log(_ lo: Double, _ hi: Double, maxLabels: Int) -> [Tick] {
        let kLo = Int((log10(lo) - 1e-9).rounded(.up)), kHi = Int((log10(hi) + 1e-9).rounded(.down))
        let decades = kHi - kLo + 1
        var ticks: [Tick] = []
        if decades >= 2 && multiples(lo, hi, of: [1, 2, 5]).count > maxLabels {
            let every = max(1, Int((Double(decades) / Double(max(maxLabels, 1))).rounded(.up)))
            for k in kLo...kHi where (k - kLo) % every == 0 {
                ticks.append(Tick(value: pow(10, Double(k)), label: TickLabel(text: "10", exponent: integerText(k))))
            }
            if every == 1 { ticks += multiples(lo, hi, of: Array(2...9)).map { Tick(value: $0, label: nil) } }
            return ticks.sorted { $0.value < $1.value }
        }
        var labelled = multiples(lo, hi, of: [1, 2, 5])
        if labelled.count < 3 { labelled = multiples(lo, hi, of: Array(1...9)) }
        if labelled.count > maxLabels { labelled = multiples(lo, hi, of: [1, 2, 5]) }
        for v in multiples(lo, hi, of: Array(1...9)) {
            let k = Int(floor(log10(v) + 1e-9))
            let isLabelled = labelled.contains(v)
            ticks.append(Tick(value: v, label: isLabelled ? TickLabel(text: format(v, step: pow(10, Double(k)))) : nil))
        }
        return ticks
    }

    /// All values m × 10^k (m from `factors`) inside `lo...hi`.
    static func multiples(_ lo: Double, _ hi: Double, of factors: [Int]) -> [Double] {
        var values: [Double] = []
        let kFirst = Int(floor(log10(lo))) - 1, kLast = Int(floor(log10(hi))) + 1
        for k in kFirst...kLast {
            for m in factors {
                let v = Double(m) * pow(10, Double(k))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append(v) }
            }
        }
        return values
    }

    /// `value` written with as many decimals as `step` needs; a true minus sign for negatives.
    static func format(_ value: Double, step: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        if abs(value) >= 1e7 || (step < 1e-6 && value != 0) { return scientific(value) }
        return fixed(value, decimals: decimals)
    }

    /// `value` rounded to `decimals` places, without Foundation.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = String(whole)
        if decimals > 0 {
            let fraction = Int(scaled - Double(whole) * scale)
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return value < 0 && scaled != 0 ? "\u{2212}" + text : text
    }

    /// `value` as mantissa "e" exponent, e.g. `2.5e-7`.
    static func scientific(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : String(value) }
        let k = Int(floor(log10(abs(value))))
        let mantissa = value / pow(10, Double(k))
        return fixed(mantissa, decimals: mantissa == mantissa.rounded() ? 0 : 1) + "e" + integerText(k)
    }

    /// An integer with a true minus sign.
    static func integerText(_ k: Int) -> String {
        k < 0 ? "\u{2212}" + String(-k) : String(k)
    }
}
