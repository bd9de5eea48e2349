import Testing
@testable import Plotting
