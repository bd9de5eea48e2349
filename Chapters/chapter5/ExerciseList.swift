// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "dot-product attention", hint: "Scores q·kⱼ by one batched matmul, maskedFill before the softmax, "
                 + "then weights × keys.") {
            try gradeDotProductAttention(dotProductAttention)
        },
        Exercise(name: "beam search", hint: "Score a candidate by the sum of its log-probabilities, not by its last step; "
                 + "sort all beam × vocabulary candidates and keep the best beamWidth.") {
            try gradeBeamSearch(beamSearch)
        },
    ]
}
