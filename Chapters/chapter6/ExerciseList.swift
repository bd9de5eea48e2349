// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "the Gaussian KL and its gradient", hint: "KL is ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²), summed over the "
                 + "code of each row; differentiate each term by itself, with σ² = e^v.") {
            try gradeGaussianKL(gaussianKL, gradient: gaussianKLGradient)
        },
        Exercise(name: "the reparameterised sample", hint: "σ = exp(½ log σ²); multiply it by the given noise and add μ.") {
            try gradeReparameterisedSample(reparameterisedSample)
        },
        Exercise(name: "the importance-weighted bound", hint: "logSumExp over the samples, minus log K; it subtracts the "
                 + "largest value for you.") {
            try gradeImportanceWeightedBound(importanceWeightedBound)
        },
    ]
}
