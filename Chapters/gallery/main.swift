// Draws one example of every chart kind of the Plotting module into Figures/gallery/
// (or the folder given as the argument): `swift run gallery [folder]`.
import ArgumentParser
import Notebook
import Plotting

/// The command line: `gallery [folder]`.
struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Draws one example of every chart kind (line charts, heatmaps, image grids, scatter plots) as PNGs.",
        discussion: "The data are made up from a fixed seed, so every run writes the same bytes.")

    /// Where the PNGs go.
    @Argument(help: ArgumentHelp("Folder for the PNGs (created if missing).", valueName: "folder"))
    var folder = "Figures/gallery"

    /// Writes every figure; the first that cannot be written stops the run with its reason.
    func run() throws {
        var count = 0
        try drawGallery { figure, name in
            try figure.write(to: "\(folder)/\(name)")
            count += 1
        }
        print("wrote \(count) figures to \(folder)/")
    }
}

runCommand(Gallery.self)
