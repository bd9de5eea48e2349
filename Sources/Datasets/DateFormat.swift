// The ways a date is written in the date-rewriting task.

/// A way of writing a date, e.g. "27 Nov 2026", "11/27/26" or "Friday, 27 November 2026".
public enum DateFormat: String, CaseIterable, Sendable {
    /// "27 Nov 2026"
    case dayShortMonthYear
    /// "11/27/26" (two-digit year)
    case americanShort
    /// "november 27, 2026"
    case lowercaseMonthDayYear
    /// "2026.11.27"
    case dotted
    /// "Friday, 27 November 2026"
    case weekdayLong
    /// "27/11/2026"
    case european
    /// "Nov 27, 2026"
    case shortMonthDayYear
    /// "27.11.26" (two-digit year)
    case germanShort
    /// "Fri 27 Nov 2026"
    case weekdayShort
    /// "27 NOVEMBER 2026"
    case uppercase
    /// "2026/11/27"
    case slashedISO
    /// "November 27th, 2026"
    case ordinal
    /// "2026-11-27", the target form
    case iso

    /// The formats a source date is written in: every one except the ISO target form.
    public static let sources: [DateFormat] = allCases.filter { $0 != .iso }

    /// `date` written in this format.
    public func write(_ date: CalendarDate) -> String {
        let month = CalendarDate.monthNames[date.month - 1]
        let short = String(month.prefix(3))
        let weekday = CalendarDate.weekdayNames[date.weekday]
        let y = DateFormat.padded(date.year, 4)
        let yy = DateFormat.padded(((date.year % 100) + 100) % 100, 2)
        let mm = DateFormat.padded(date.month, 2)
        let dd = DateFormat.padded(date.day, 2)
        let d = String(date.day)
        switch self {
        case .dayShortMonthYear: return "\(d) \(short) \(y)"
        case .americanShort: return "\(mm)/\(dd)/\(yy)"
        case .lowercaseMonthDayYear: return "\(month.lowercased()) \(d), \(y)"
        case .dotted: return "\(y).\(mm).\(dd)"
        case .weekdayLong: return "\(weekday), \(d) \(month) \(y)"
        case .european: return "\(dd)/\(mm)/\(y)"
        case .shortMonthDayYear: return "\(short) \(d), \(y)"
        case .germanShort: return "\(dd).\(mm).\(yy)"
        case .weekdayShort: return "\(weekday.prefix(3)) \(d) \(short) \(y)"
        case .uppercase: return "\(d) \(month.uppercased()) \(y)"
        case .slashedISO: return "\(y)/\(mm)/\(dd)"
        case .ordinal: return "\(month) \(d)\(DateFormat.ordinalSuffix(date.day)), \(y)"
        case .iso: return date.iso
        }
    }

    /// "st", "nd", "rd" or "th" for a day of the month.
    static func ordinalSuffix(_ day: Int) -> String {
        if (11...13).contains(day % 100) { return "th" }
        switch day % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// `value` in decimal with leading zeros to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
