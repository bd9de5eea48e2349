// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "the squared-error loss", hint: "Sum the squared differences over the pixels of a row, "
                 + "then average over the rows; use tensor operations so the gradient flows.") {
            try gradeSquaredErrorLoss(squaredErrorLoss)
        },
        Exercise(name: "its gradient by hand", hint: "Differentiate (1/n) Σᵢ Σⱼ (x̂ᵢⱼ − xᵢⱼ)² with respect to one x̂ᵢⱼ.") {
            try gradeSquaredErrorGradient(squaredErrorGradient)
        },
        Exercise(name: "the bottleneck experiment", hint: "Centre the rows, keep the k principal directions of "
                 + "largest variance, and measure (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² (or sum the discarded variances).") {
            try gradeBestLinearReconstructionError(bestLinearReconstructionError)
        },
    ]
}
