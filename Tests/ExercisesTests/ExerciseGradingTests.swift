import Testing
import Notebook
@testable import Exercises
