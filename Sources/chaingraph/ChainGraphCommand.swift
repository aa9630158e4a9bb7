import ArgumentParser
import ChainGraph
import Glibc

@main
struct ChainGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaingraph",
        abstract: "Analyse industrial supply chains (产业链) for the chain-leader system (链长制).",
        discussion: """
            A dataset is a folder with links.csv (supplier,buyer,value,segment; goods flow supplier → buyer) \
            and optionally firms.csv and segments.csv, or a binary snapshot made by `chaingraph convert`. \
            Without --dataset the bundled new-energy-vehicle example (datasets/nev) is used.

            Exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing, 70 internal error, 73 cannot write output.

            Examples:
              chaingraph summary
              chaingraph summary --dataset mydata/ --format json
              chaingraph convert --dataset mydata/ --output mydata.cgs
            """,
        version: "0.1.0",
        subcommands: [SummaryCommand.self, CentralityCommand.self, LocalRateCommand.self, CoverageCommand.self, GapsCommand.self,
                      LeadersCommand.self, LinkagesCommand.self, SimulateCommand.self, ReportCommand.self, ExportCommand.self,
                      GenerateCommand.self, BenchCommand.self, ConvertCommand.self]
    )

    /// Runs the command and maps errors to the exit codes of SPEC §5.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ChainGraphError {
            printError("chaingraph: error: \(error)")
            Glibc.exit(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
