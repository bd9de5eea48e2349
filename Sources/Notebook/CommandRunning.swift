// Running the book's tools (bench, gallery, regenerate, handout) so that a failed write to the
// terminal or a pipe is an error, never a crash or a silent success.

import Foundation

/// Parses the command line into `Command`, runs it and exits: 0 on success, the parser's status
/// for `--help` and usage errors (64), the command's own `ExitCode`, 1 for any other error, and
/// 74 when standard output could not be written (a full disk, a closed pipe).
public func runCommand<Command: ParsableCommand>(_ type: Command.Type) -> Never {
    let console = Console.standardOutput()
    let program = Command.configuration.commandName ?? "command"
    var status: Int32 = 0
    do {
        var command = try type.parseAsRoot()
        try command.run()
    } catch {
        status = type.exitCode(for: error).rawValue
        let message = type.fullMessage(for: error)
        if status == 0 {
            console.line(message)
        } else if !message.isEmpty {
            console.error(message.hasPrefix("Error: ") || status == UsageError.exitStatus
                          ? message : "\(program): \(message)")
        }
    }
    console.exit(status, program: program)
}
