// The date-rewriting task: a date written one of many ways, to be rewritten as YYYY-MM-DD.

import Tensors

/// One example of the date task: the date, how it was written, and the target text.
public struct DateExample: Equatable, Sendable {
    /// The date itself.
    public var date: CalendarDate
    /// The format the source is written in.
    public var format: DateFormat
    /// The date as written, e.g. "Friday, 27 November 2026".
    public var source: String
    /// The date as `YYYY-MM-DD`.
    public var target: String
}

/// Random dates written many ways, their ISO targets, and the character vocabulary of both.
public enum DateRewriting {
    /// Every character any format can produce, plus the ISO target's.
    public static let vocabulary: Vocabulary = {
        let names = (CalendarDate.monthNames + CalendarDate.weekdayNames).joined()
        return Vocabulary.characters(names + names.lowercased() + names.uppercased()
                                     + "0123456789 ,./-" + "stndrdth")
    }()

    /// Generates `count` examples, dates uniform over `years`, formats uniform over `formats`.
    ///
    /// Two-digit years are ambiguous outside a century; keep `years` within 100 years (the
    /// default 1950–2049 reads "26" as 2026 and "87" as 1987) when the two-digit formats are used.
    public static func generate(count: Int, seed: UInt64, years: ClosedRange<Int> = 1950...2049,
                                formats: [DateFormat] = DateFormat.sources) -> [DateExample] {
        require(count >= 0, "DateRewriting.generate", "count must be at least 0, got \(count)")
        require(!formats.isEmpty, "DateRewriting.generate", "formats must not be empty")
        require(years.lowerBound >= 1 && years.upperBound <= 9999, "DateRewriting.generate",
                "years must lie in 1...9999, got \(years)")
        var generator = SeededGenerator(seed: seed)
        let first = CalendarDate(year: years.lowerBound, month: 1, day: 1)!.daysSinceEpoch
        let last = CalendarDate(year: years.upperBound, month: 12, day: 31)!.daysSinceEpoch
        return (0..<count).map { _ in
            let date = CalendarDate(daysSinceEpoch: generator.integer(in: first...last))
            let format = formats[generator.nextInt(below: formats.count)]
            return DateExample(date: date, format: format, source: format.write(date), target: date.iso)
        }
    }

    /// The source and target of each example as character-id pairs of `vocabulary`.
    public static func encode(_ examples: [DateExample]) throws -> [SequencePair] {
        try examples.map {
            SequencePair(source: try vocabulary.encode(characters: $0.source),
                         target: try vocabulary.encode(characters: $0.target))
        }
    }
}
