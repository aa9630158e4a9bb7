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
              chaingraph gaps --local 湖北 --top 5
              chaingraph report --local 湖北 --out out/hubei
            """,
        version: "0.2.0",
        subcommands: [SummaryCommand.self, CheckCommand.self, CentralityCommand.self, LocalRateCommand.self, CoverageCommand.self, GapsCommand.self,
                      LeadersCommand.self, LinkagesCommand.self, SimulateCommand.self, WhatIfCommand.self, DiffCommand.self, RadiusCommand.self, ReportCommand.self, ExportCommand.self,
                      GenerateCommand.self, BenchCommand.self, ConvertCommand.self, ServeCommand.self]
    )

    /// Runs the command and maps errors to the messages and exit codes of SPEC §5.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ChainGraphError {
            printError("chaingraph: error: \(ErrorWording.message(error))")
            Glibc.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }  // --help, --version
            var text = fullMessage(for: error)
            if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
            printError("chaingraph: error: \(text)")
            Glibc.exit(code.rawValue)
        }
    }
}

/// Words library errors for the command line: the library's facts plus the flag to change.
enum ErrorWording {
    /// The command-line flag of each library parameter.
    static let flags: [Parameter: String] = [
        .level: "--level", .perChain: "--per-chain", .weakBelow: "--weak-below", .strongAbove: "--strong-above",
        .substitution: "--substitution", .alpha: "--alpha", .tolerance: "--tol", .maxIterations: "--max-iter", .samples: "--samples",
        .personalization: "--personalize", .regionLevel: "--region-level", .firms: "--firms", .linksPerFirm: "--links-per-firm",
        .localShare: "--local-share", .top: "--top", .capacity: "--capacity", .attract: "--attract", .withinKm: "--within-km",
    ]

    /// The flag that repairs a data problem, for messages of the analyst path.
    static func hint(forDataMessage message: String) -> String {
        if message.contains("can be added with unknown region") { return " — add them with --add-unknown-firms" }
        if message.contains("no header row names every required column") { return "; map another header with --column FIELD=HEADER" }
        if message.contains("map it to ") { return " (--column FIELD=HEADER)" }
        return ""
    }

    static func message(_ error: ChainGraphError) -> String {
        switch error {
        case let .invalidParameter(parameter, value, expected):
            return "\(flags[parameter] ?? parameter.rawValue) \(value): expected \(expected)"
        case let .regionMatchesNoFirm(region, available) where available.isEmpty:
            return "--local \(region) matches no firm: no firm of this dataset has a region (add a region column to firms.csv)"
        case let .regionMatchesNoFirm(region, available):
            // Closest first; the top-level regions are listed in full, so nothing is cut silently.
            let closest = available.prefix(8).map(\.description)
            let tops = Set(available.map { $0.components[0] }).sorted()
            var text = "--local \(region) matches no firm; did you mean \(closest.first ?? "")?"
            if closest.count > 1 {
                text += " Closest regions: \(closest.joined(separator: ", "))"
                text += available.count > closest.count ? " (\(closest.count) of \(available.count) regions and prefixes)." : "."
            }
            return text + " Top-level regions in this dataset (\(tops.count)): " + tops.joined(separator: ", ")
        case let .ambiguousRegion(text, candidates):
            return "--local \(text) fits \(candidates.count) regions of this dataset: \(candidates.map(\.description).joined(separator: ", ")); give the full path"
        case let .noRegionAtLevel(level, deepest):
            return "--level \(level): no firm has a region path with \(level) or more components (the deepest has \(deepest)); use --level \(max(1, deepest)) or less"
        case .noConvergence:
            return "\(error.description); raise --max-iter or --tol"
        case let .divergentAlpha(_, limit, _):
            return "\(error.description) (give --alpha below \(limit), or omit it for 0.85/λ_max)"
        case .unknownColumn:
            return "--sort: \(error.description)"
        case let .data(location, message):
            return "\(location): \(message)\(hint(forDataMessage: message))"
        default:
            return error.description
        }
    }
}
