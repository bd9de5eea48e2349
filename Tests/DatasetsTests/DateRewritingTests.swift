import Testing
@testable import Datasets

@Suite struct DateRewritingTests {
    /// Zeller's congruence, an independent weekday formula: 0 = Saturday, 1 = Sunday, …, 6 = Friday.
    func zeller(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let m = month < 3 ? month + 12 : month
        let y = month < 3 ? year - 1 : year
        let k = y % 100, j = y / 100
        return (day + (13 * (m + 1)) / 5 + k + k / 4 + j / 4 + 5 * j) % 7
    }

    @Test func weekdaysOfHandCheckedDates() {
        let known: [(Int, Int, Int, String)] = [
            (1970, 1, 1, "Thursday"), (2000, 1, 1, "Saturday"), (1969, 7, 20, "Sunday"),
            (2024, 2, 29, "Thursday"), (1900, 3, 1, "Thursday"), (2026, 11, 27, "Friday"),
            (1582, 10, 15, "Friday"), (2100, 3, 1, "Monday"),
        ]
        for (y, m, d, name) in known {
            let date = CalendarDate(year: y, month: m, day: d)!
            #expect(CalendarDate.weekdayNames[date.weekday] == name, "\(date)")
        }
    }

    @Test func weekdayAgreesWithZellerOverFourCenturies() {
        // Zeller numbers Saturday 0; ours numbers Monday 0, so Saturday is 5.
        var date = CalendarDate(year: 1800, month: 1, day: 1)!
        let end = CalendarDate(year: 2200, month: 1, day: 1)!
        while date < end {
            #expect((zeller(date.year, date.month, date.day) + 5) % 7 == date.weekday, "\(date)")
            date = CalendarDate(daysSinceEpoch: date.daysSinceEpoch + 1)
        }
    }

    @Test func daysSinceEpochCountsDaysOneByOne() {
        // Walking the calendar by hand (day + 1, month rollover) must match the day count.
        var (y, m, d) = (1960, 1, 1)
        var days = CalendarDate(year: 1960, month: 1, day: 1)!.daysSinceEpoch
        #expect(days == -3653)  // 10 years of 365 days plus the leap days of 1960, 1964 and 1968
        for _ in 0..<30_000 {
            let date = CalendarDate(year: y, month: m, day: d)!
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(daysSinceEpoch: days) == date)
            d += 1
            if d > CalendarDate.daysInMonth(m, year: y) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            days += 1
        }
    }

    @Test func invalidDatesAreRejected() {
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(iso: "2026-02-30") == nil)
        #expect(CalendarDate(iso: "2026-2-3") == nil)
    }

    @Test func formatsOfTheExampleDate() {
        let date = CalendarDate(year: 2026, month: 11, day: 27)!
        let written = Dictionary(uniqueKeysWithValues: DateFormat.allCases.map { ($0, $0.write(date)) })
        #expect(written[.dayShortMonthYear] == "27 Nov 2026")
        #expect(written[.americanShort] == "11/27/26")
        #expect(written[.lowercaseMonthDayYear] == "november 27, 2026")
        #expect(written[.dotted] == "2026.11.27")
        #expect(written[.weekdayLong] == "Friday, 27 November 2026")
        #expect(written[.european] == "27/11/2026")
        #expect(written[.germanShort] == "27.11.26")
        #expect(written[.weekdayShort] == "Fri 27 Nov 2026")
        #expect(written[.ordinal] == "November 27th, 2026")
        #expect(written[.iso] == "2026-11-27")
        #expect(Set(written.values).count == DateFormat.allCases.count)
        #expect(DateFormat.sources.count >= 8)
        let first = CalendarDate(year: 2001, month: 3, day: 2)!
        #expect(DateFormat.ordinal.write(first) == "March 2nd, 2001")
        #expect(DateFormat.ordinal.write(CalendarDate(year: 2001, month: 3, day: 11)!) == "March 11th, 2001")
        #expect(DateFormat.americanShort.write(CalendarDate(year: 2005, month: 1, day: 9)!) == "01/09/05")
    }

    @Test func targetsParseBackToTheSameDate() {
        let examples = DateRewriting.generate(count: 500, seed: 12)
        for example in examples {
            #expect(CalendarDate(iso: example.target) == example.date)
            #expect(example.source == example.format.write(example.date))
            #expect((1950...2049).contains(example.date.year))
        }
        #expect(Set(examples.map(\.format)).count == DateFormat.sources.count)
        #expect(!examples.contains { $0.format == .iso })
    }

    @Test func twoDigitYearsReadBackWithinTheDefaultCentury() {
        // "yy" in 50...99 means 19yy, in 00...49 means 20yy, for the default years 1950...2049.
        for example in DateRewriting.generate(count: 300, seed: 5, formats: [.americanShort]) {
            let yy = Int(example.source.suffix(2))!
            #expect((yy >= 50 ? 1900 + yy : 2000 + yy) == example.date.year)
            let parts = example.source.split(separator: "/").map { Int($0)! }
            #expect(parts[0] == example.date.month && parts[1] == example.date.day)
        }
    }

    @Test func vocabularyCoversEveryFormatAndRoundTrips() throws {
        let examples = DateRewriting.generate(count: 1000, seed: 3)
        let pairs = try DateRewriting.encode(examples)
        for (example, pair) in zip(examples, pairs) {
            #expect(DateRewriting.vocabulary.decodeString(pair.source) == example.source)
            #expect(DateRewriting.vocabulary.decodeString(pair.target) == example.target)
        }
    }

    @Test func sameSeedSameDatesDifferentSeedDifferent() {
        #expect(DateRewriting.generate(count: 50, seed: 1) == DateRewriting.generate(count: 50, seed: 1))
        #expect(DateRewriting.generate(count: 50, seed: 1) != DateRewriting.generate(count: 50, seed: 2))
    }
}
