// The chapter's exercises, each with the grader that checks the student's code in Exercises.swift.

import Grading
import Notebook

/// The exercises `--exercises` grades.
func chapterExercises() -> [Exercise] {
    [
        Exercise(name: "a GRU cell", hint: "Slice the three gates out of x·W_ihᵀ + b_ih and h·W_hhᵀ + b_hh; r multiplies "
                 + "only the hidden part of n, bias included.") {
            try gradeGRUCell(gruCell)
        },
        Exercise(name: "greedy decoding", hint: "Keep the decoder's state from step to step and feed back the argmax "
                 + "of each step's scores.") {
            try gradeGreedyDecoding(greedyDecode)
        },
    ]
}
