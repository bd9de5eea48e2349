// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "sigmoid with its pullback",
                 hint: "σ′(x) = σ(x)(1 − σ(x)): compute σ once and reuse it in the pullback.") { try gradeSigmoid(studentSigmoid) },
        Exercise(name: "tanh with its pullback",
                 hint: "d tanh(x)/dx = 1 − tanh²(x); multiply by the upstream gradient element-wise.") { try gradeTanh(studentTanh) },
        Exercise(name: "logsumexp with its pullback",
                 hint: "Subtract each row's maximum m before exponentiating and add it back: "
                     + "m + log Σ exp(x − m). The gradient of a row is its softmax times the upstream value.") { try gradeLogSumExp(studentLogSumExp) },
    ]
}
