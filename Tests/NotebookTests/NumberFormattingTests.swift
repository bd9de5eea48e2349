import Testing
@testable import Notebook

@Suite struct NumberFormattingTests {
    @Test func fixedWritesExactlyTheDigitsAskedFor() {
        #expect(fixed(3.14159, 2) == "3.14")
        #expect(fixed(2, 0) == "2")
        #expect(fixed(-0.5, 3) == "-0.500")
        #expect(signed(0.5, 3) == "+0.500" && signed(-2, 1) == "-2.0")
    }

    @Test func scientificIsShortAndNamesNonFiniteValues() {
        #expect(scientific(3.2e-9) == "3.2e-09")
        #expect(scientific(1e-6) == "1e-06")
        #expect(scientific(.nan) == "nan")
        #expect(scientific(-.infinity) == "-inf")
    }

    @Test func percentAndSignificantDigits() {
        #expect(percent(0.9876) == "98.8%")
        #expect(percent(0.5, digits: 0) == "50%")
        #expect(significant(0.0012345, 3) == "0.00123")
        #expect(significant(1234.5, 4) == "1234")
    }

    @Test func durationsSwitchToMinutesAtSixtySeconds() {
        #expect(duration(seconds: 4.25) == "4.2 s")
        #expect(duration(seconds: 187) == "3 min 07 s")
    }

    @Test func paddingCountsTerminalColumns() {
        #expect("ab".leftPadded(4) == "  ab")
        #expect("abcdef".leftPadded(4) == "abcdef")
        #expect("注意".leftPadded(5) == " 注意")
        #expect("x".rightPadded(3) == "x  ")
    }
}
