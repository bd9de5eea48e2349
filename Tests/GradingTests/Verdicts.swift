// How the grader tests read a verdict: passed, or failed for the reason the test expects.
import Notebook

/// Whether the grader passed the implementation.
func passed(_ verdict: ExerciseVerdict) -> Bool {
    if case .passed = verdict { return true }
    return false
}

/// Whether the verdict is a failure whose reason contains `cause`, so a rejection is shown to
/// come from the check meant to catch that mistake.
func failed(_ verdict: ExerciseVerdict, because cause: String) -> Bool {
    if case .failed(let reason) = verdict { return reason.contains(cause) }
    return false
}
