import Notebook

/// Chapter 7's command line: the common options and `--save-model`.
struct ChapterSevenOptions: ChapterOptions {
    @OptionGroup var notebook: NotebookOptions

    /// Where to save the trained copying Transformer (safetensors, PyTorch's names) and an example batch.
    @Option(name: .customLong("save-model"),
            help: ArgumentHelp("Save the trained copying Transformer to this file (safetensors, torch.nn.Transformer's "
                + "names) and an example batch with its logits beside it (.example.safetensors).", valueName: "file"))
    var saveModel: String?
}
