import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Notebook

/// Three exercises, one of each outcome; the failed one's name and reason hold XML's special characters.
func gradedSample() -> [GradedExercise] {
    [
        GradedExercise(Exercise(name: "sigmoid", hint: "h", stub: "Ex.swift", points: 2) { .passed("x") },
                       outcome: .passed("error 1e-13 ≤ 1e-9")),
        GradedExercise(Exercise(name: "a < b & \"c\"", hint: "use 'max'", stub: "Ex.swift") { .passed("x") },
                       outcome: .failed("error 3 > tolerance 1e-9 <here>")),
        GradedExercise(Exercise(name: "tanh", hint: "h", stub: "Ex.swift") { .passed("x") },
                       outcome: .notAttempted),
    ]
}

/// Collects every element's name and attributes of an XML document; fails to parse malformed XML.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
    }
}

@Suite struct ExerciseReportTests {
    @Test func jsonHasGradescopesFieldsWithPointsAndVerdicts() throws {
        let text = ExerciseReport.json(chapter: 4, graded: gradedSample(), exitStatus: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["chapter"] as? Int == 4)
        #expect(object["score"] as? Int == 2)
        #expect(object["max_score"] as? Int == 4)
        #expect(object["exit_status"] as? Int == 1)
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["sigmoid", "a < b & \"c\"", "tanh"])
        #expect(tests.map { $0["score"] as? Int } == [2, 0, 0])
        #expect(tests.map { $0["max_score"] as? Int } == [2, 1, 1])
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed", "failed"])
        #expect(tests.map { $0["verdict"] as? String } == ["passed", "failed", "not attempted"])
        #expect((tests[1]["output"] as? String)?.contains("hint: use 'max'") == true)
    }

    @Test func junitIsWellFormedAndEscapesEveryText() throws {
        let text = ExerciseReport.junit(chapter: 4, graded: gradedSample())
        let parser = XMLParser(data: Data(text.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "malformed XML: \(parser.parserError.map { "\($0)" } ?? "")\n\(text)")
        let cases = collector.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == ["sigmoid", "a < b & \"c\"", "tanh"])
        let suite = try #require(collector.elements.first { $0.name == "testsuite" })
        #expect(suite.attributes["tests"] == "3" && suite.attributes["failures"] == "1" && suite.attributes["skipped"] == "1")
        let failure = try #require(collector.elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == "error 3 > tolerance 1e-9 <here>")
        #expect(collector.elements.filter { $0.name == "skipped" }.count == 1)
        let points = collector.elements.filter { $0.name == "property" && $0.attributes["name"] == "points" }
        #expect(points.map { $0.attributes["value"] } == ["2", "0", "0"])
    }

    @Test func xmlEscapingDropsForbiddenControlCharacters() {
        #expect(ExerciseReport.escaped("a\u{1}b<'>\n") == "ab&lt;&#39;&gt;&#10;")
    }

    @Test func requireAllTurnsNotAttemptedIntoAFailure() {
        let untouched = [gradedSample()[2]]
        #expect(RunVerdict.decide(checks: [], exercises: untouched).exitStatus == 0)
        let strict = RunVerdict.decide(checks: [], exercises: untouched, requireAll: true)
        #expect(strict.exitStatus == 1)
        #expect(strict.failureLine == "1 exercise not attempted (--require-all): tanh")
    }
}
