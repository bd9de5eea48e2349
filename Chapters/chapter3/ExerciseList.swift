// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "masked softmax",
                 hint: "Replace the masked scores by a very negative number before the softmax (maskedFill), "
                     + "not by 0, and do not zero the weights afterwards without renormalising.") { try gradeMaskedSoftmax(maskedSoftmax) },
        Exercise(name: "additive score",
                 hint: "W q is query·Wᵀ (matmul with transposeOther: true); add it to every U kₜ with "
                     + "expandingShape(at: 1), apply tanh, then multiply by vᵀ and drop the last axis.") {
            try gradeAdditiveScores { try additiveScores(query: $0, keys: $1, w: $2, u: $3, v: $4) }
        },
    ]
}
