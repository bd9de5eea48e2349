// Where the chapter's text goes: the terminal (or a pipe), or a buffer in tests.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chapter's output: standard output with its terminal facts, or a capture for tests.
public final class Console {
    /// Whether standard output is a terminal (live progress bars and colour are allowed).
    public let isTerminal: Bool
    /// The width prose is wrapped to: the terminal's columns (at most 100 for readability), else 80.
    public let width: Int
    /// Whether to colour ✓ and ✗: only on a terminal, and not when `NO_COLOR` is set.
    public let usesColour: Bool
    private let capturing: Bool
    /// The first failed write to standard output (a full disk, a closed pipe), or nil.
    public private(set) var writeFailure: String?
    /// Everything written to standard output, when capturing.
    public private(set) var captured = ""
    /// Everything written to standard error, when capturing.
    public private(set) var capturedErrors = ""

    private init(isTerminal: Bool, width: Int, usesColour: Bool, capturing: Bool) {
        self.isTerminal = isTerminal
        self.width = width
        self.usesColour = usesColour
        self.capturing = capturing
    }

    /// The process's standard output, probed for a terminal and its width.
    public static func standardOutput() -> Console {
        let terminal = isatty(1) == 1
        let columns = terminal ? terminalColumns(1) : nil
        let colour = terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return Console(isTerminal: terminal, width: min(100, max(20, columns ?? 80)),
                       usesColour: colour, capturing: false)
    }

    /// A console that keeps its text in `captured` instead of printing it.
    public static func capture(width: Int = 80, isTerminal: Bool = false) -> Console {
        Console(isTerminal: isTerminal, width: width, usesColour: false, capturing: true)
    }

    /// Writes `text` as is (add your own line breaks) and flushes it, so pipes see it at once.
    ///
    /// A failed write never stops the program: it is remembered in `writeFailure`, and `exit`
    /// turns it into a non-zero status.
    public func write(_ text: String) {
        if capturing {
            captured += text
            return
        }
        if let failure = Console.writeAll(text, to: 1), writeFailure == nil {
            writeFailure = failure
        }
    }

    /// Writes all of `text` to file descriptor `fd` (after anything `print` left buffered);
    /// returns the reason when it could not.
    static func writeAll(_ text: String, to fd: Int32) -> String? {
        fflush(nil)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    /// Writes `text` followed by a line break.
    public func line(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes one line to standard error (after flushing standard output, to keep the order).
    /// A closed or full standard error loses the line but never stops the program.
    public func error(_ text: String) {
        if capturing {
            capturedErrors += text + "\n"
        } else {
            _ = Console.writeAll(text + "\n", to: 2)
        }
    }

    /// The exit status for output that could not be written (EX_IOERR from sysexits.h).
    public static let outputFailureStatus: Int32 = 74

    /// Ends the process with `status`, or with `outputFailureStatus` when standard output could
    /// not be written, saying so on standard error (if that still works).
    public func exit(_ status: Int32, program: String) -> Never {
        if !capturing, fflush(nil) != 0, writeFailure == nil {
            writeFailure = String(cString: strerror(errno))
        }
        if let writeFailure {
            error("\(program): could not write the output: \(writeFailure)")
            endProcess(Console.outputFailureStatus)
        }
        endProcess(status)
    }

    /// `text` in the given ANSI colour when colour is on; plain otherwise.
    func coloured(_ text: String, _ colour: ANSIColour) -> String {
        usesColour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The columns of the terminal on file descriptor `fd`, or nil when it cannot tell.
    private static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        #if os(Linux) || os(macOS)
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
        #else
        return nil
        #endif
    }
}

/// The C library's `write`, named apart from `Console.write`.
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

/// The C library's `exit`, named apart from `Console.exit`.
func endProcess(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}

/// The few colours the runtime uses.
enum ANSIColour: String {
    case green = "32"
    case red = "31"
    case dim = "2"
    case bold = "1"
}
