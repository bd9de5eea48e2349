// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "sinusoidal encoding", hint: "Column 2i holds sin(t·ωᵢ) and column 2i + 1 holds cos(t·ωᵢ), "
                 + "with ωᵢ = 10000^(−2i/d): the two columns of a pair share one frequency.") {
            try gradeSinusoidalEncoding(sinusoidalEncoding)
        },
        Exercise(name: "causal mask", hint: "1 where the key comes after the query (column > row), 0 on and below the "
                 + "diagonal: every position may see itself.") {
            try gradeCausalMask(lookAheadMask)
        },
        Exercise(name: "splitting and merging heads", hint: "reshaped(to: [batch, time, heads, d]) then permuted([0, 2, 1, 3]); "
                 + "merging is the same two steps in reverse order.") {
            try gradeHeadSplitting(split: splitHeads, merge: mergeHeads)
        },
    ]
}
