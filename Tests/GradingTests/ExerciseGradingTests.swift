import Testing
import Notebook
@testable import Grading
