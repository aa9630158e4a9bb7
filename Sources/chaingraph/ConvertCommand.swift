import ArgumentParser
import ChainGraph

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write the dataset as a binary snapshot that every command loads in a fraction of the time.",
        discussion: """
            The snapshot is versioned and checksummed; a damaged or truncated file is rejected (exit 65). \
            Pass it to any command as --dataset FILE.

            Example:
              chaingraph convert --dataset mydata/ --output mydata.cgs
              chaingraph summary --dataset mydata.cgs
            """
    )

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The snapshot file to write (atomically).", valueName: "file"))
    var output: String

    func run() throws {
        let graph = try data.loadGraph()
        try Snapshot.write(graph, to: output)
    }
}
