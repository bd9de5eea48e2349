import Testing
@testable import Notebook

@Suite struct CheckRecordTests {
    @Test func numericCheckLines() {
        let pass = CheckRecord.numeric("rows sum to one", measured: 3.2e-9, tolerance: 1e-6)
        #expect(pass.passed)
        #expect(pass.line == "✓ rows sum to one — measured 3.2e-09 ≤ tolerance 1e-06")
        let fail = CheckRecord.numeric("gradient", measured: 0.25, tolerance: 1e-6)
        #expect(!fail.passed)
        #expect(fail.line == "✗ gradient — measured 2.5e-01 > tolerance 1e-06")
    }

    @Test func boundaryAndNaN() {
        #expect(CheckRecord.numeric("equal", measured: 1e-6, tolerance: 1e-6).passed)
        let nan = CheckRecord.numeric("nan", measured: .nan, tolerance: 1)
        #expect(!nan.passed)
        #expect(nan.line == "✗ nan — measured nan > tolerance 1e+00")
        #expect(!CheckRecord.numeric("inf", measured: .infinity, tolerance: 1).passed)
    }

    @Test func booleanCheckLine() {
        let check = CheckRecord.boolean("masked weights are zero", passed: false, detail: "largest 0.3")
        #expect(check.line == "✗ masked weights are zero — largest 0.3")
    }

    @Test func verdictIsZeroOnlyWhenEveryCheckHolds() {
        let good = CheckRecord.numeric("a", measured: 0, tolerance: 1)
        let bad = CheckRecord.numeric("b", measured: 2, tolerance: 1)
        let worse = CheckRecord.boolean("c", passed: false, detail: "")
        #expect(RunVerdict.decide(checks: []).exitStatus == 0)
        #expect(RunVerdict.decide(checks: [good]).exitStatus == 0)
        #expect(RunVerdict.decide(checks: [good]).failureLine == nil)
        let verdict = RunVerdict.decide(checks: [good, bad, worse])
        #expect(verdict.exitStatus == 1)
        #expect(verdict.failedChecks == ["b", "c"])
        #expect(verdict.failureLine == "2 checks failed: b, c")
    }

    @Test func verdictCountsOnlyAttemptedFailedExercises() {
        func graded(_ name: String, _ grader: @escaping () throws -> ExerciseVerdict) -> GradedExercise {
            GradedExercise(Exercise(name: name, hint: "h", stub: "s", grade: grader))
        }
        let untouched = graded("u") { throw ExerciseNotAttempted() }
        let right = graded("r") { .passed("ok") }
        let wrong = graded("w") { .failed("off by one") }
        #expect(RunVerdict.decide(checks: [], exercises: [untouched, right]).exitStatus == 0)
        let verdict = RunVerdict.decide(checks: [], exercises: [untouched, wrong])
        #expect(verdict.exitStatus == 1)
        #expect(verdict.failureLine == "1 exercise failed: w")
    }

    @Test func tableAlignsColumnsAndMarksFailures() {
        let checks = [CheckRecord.numeric("Σ weights", measured: 1e-8, tolerance: 1e-6),
                      CheckRecord.boolean("a longer name", passed: false, detail: "x|y")]
        let lines = CheckTable.text(checks)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("check        "))
        // The measured column starts at the same display column on every row.
        let column = DisplayWidth.of(lines[0].prefix(upTo: lines[0].range(of: "measured")!.lowerBound))
        func cell(_ line: String) -> String {
            var width = 0
            let rest = line.drop { width += DisplayWidth.of($0); return width <= column }
            return String(rest.prefix(5))
        }
        #expect(column == DisplayWidth.of("a longer name") + 2)
        #expect(cell(lines[2]) == "1e-08")
        #expect(cell(lines[3]) == "x|y  ")
        #expect(lines[3].hasSuffix("✗ FAIL"))
        let markdown = CheckTable.markdown(checks)
        #expect(markdown[3] == "| a longer name | x\\|y | — | ✗ FAIL |")
    }
}

@Suite struct CheckTableWidthTests {
    @Test func longNamesAndDetailsAreShortenedToTheWidth() {
        let checks = [
            CheckRecord.numeric(String(repeating: "a very long check name ", count: 4), measured: 1e-9, tolerance: 1e-6),
            CheckRecord.boolean("short", passed: true, detail: String(repeating: "long detail ", count: 8)),
        ]
        let lines = CheckTable.text(checks, width: 80)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        #expect(lines[2].contains("…"))
        #expect(lines[3].hasPrefix("short"))
        // A table that fits is left as it is.
        #expect(!CheckTable.text([CheckRecord.numeric("x", measured: 1, tolerance: 2)]).joined().contains("…"))
    }
}
