// Graders for the chapters' coding exercises live in this module, one file per chapter, so that
// the chapters (with the student's stubs) and the tests (with the reference solutions) share them.
import Notebook
