import Foundation
import Testing
@testable import Datasets

@Suite struct UCIDigitsTests {
    @Test func theCommittedFileHoldsTheUCITestSet() throws {
        let digits = try UCIDigits.load()
        #expect(digits.count == 1797 && digits.size == 8 && digits.images.count == 1797 * 64)
        // The class counts of the UCI test set, as its documentation lists them.
        let documented = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
        let counted = (0..<10).map { label in digits.labels.filter { $0 == label }.count }
        #expect(counted == documented)
        // The first image is a zero whose top row is 0 0 5 13 9 1 0 0 (out of 16).
        #expect(digits.labels[0] == 0)
        #expect(Array(digits.image(0).prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0].map { Float($0) / 16 })
        #expect(digits.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func brokenFilesAreRefusedWithTheReason() throws {
        func reason(_ bytes: [UInt8]) -> String {
            do {
                _ = try UCIDigits.decode(Data(bytes), name: "f.bin")
                return "accepted"
            } catch { return "\(error)" }
        }
        let header = Array("OPTDIG01".utf8) + [1, 0, 0, 0]
        #expect(reason(Array("NOTDIGIT".utf8) + [0, 0, 0, 0]).contains("not a digits file"))
        #expect(reason(header + [3]).contains("13 bytes, but 1 images need 77"))
        #expect(reason(header + [12] + [UInt8](repeating: 0, count: 64)).contains("label 12"))
        #expect(reason(header + [1] + [UInt8](repeating: 17, count: 64)).contains("pixel value 17 > 16"))
        #expect(reason(header + [7] + [UInt8](repeating: 16, count: 64)) == "accepted")
    }
}
