// The gradient check every grader runs on the student's differentiable code.
import Tensors

/// Gradient-checks the student's `function` at `inputs` (Float64, central differences), letting an
/// error it throws reach the grader.
///
/// `GradientChecker.check` probes a function that cannot throw. While it probes, the first error
/// `function` throws is kept and `fallback` answers in its place; once the check is over, that error
/// is thrown. So a stub that throws `ExerciseNotAttempted` is graded "not attempted", and any other
/// error is reported as the student's, never hidden behind a wrong gradient.
func checkGradient(of inputs: [Tensor<Double>], fallback: ([Tensor<Double>]) -> Tensor<Double>,
                   _ function: ([Tensor<Double>]) throws -> Tensor<Double>) throws -> GradientCheckReport {
    var thrown: Error?
    let report = GradientChecker.check(inputs) { tensors in
        do { return try function(tensors) } catch {
            if thrown == nil { thrown = error }
            return fallback(tensors)
        }
    }
    if let thrown { throw thrown }
    return report
}
