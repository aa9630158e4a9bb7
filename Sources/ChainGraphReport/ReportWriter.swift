import ChainGraph
import Foundation

/// Writes the four report files into a folder, each atomically (a failed or cancelled run
/// leaves no partial file).
public enum ReportWriter {
    /// The files ``write(_:to:)`` always creates, in the order they are rendered: the
    /// report in four formats and the full rows of its long tables as CSV (SPEC §4
    /// columns), which the report's tables cut to their top rows.
    public static let files = ["report.md", "report.html", "report.json", "report.ipynb", "gaps.csv", "shortlist.csv", "matchmaking.csv"]

    /// The files written for a report: ``files``, plus `comparison.csv` with a year-over-year
    /// comparison.
    public static func files(for r: ChainReport) -> [String] {
        files + (r.comparison.isEmpty ? [] : ["comparison.csv"])
    }

    /// The report model as JSON: snake_case keys, sorted, so diffs are stable.
    /// - Throws: ``/ChainGraph/ChainGraphError/internal(_:)`` when the model cannot be encoded.
    public static func json(_ r: ChainReport) throws(ChainGraphError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(r), as: UTF8.self) + "\n"
        } catch {
            throw .internal("cannot encode report.json: \(error)")
        }
    }

    /// Renders the report in all four formats, with its CSV files, and writes them into
    /// `folder`, creating it (and its parents) when missing. All are rendered and written to
    /// temporary files before the first is renamed into place.
    /// - Throws: ``/ChainGraph/ChainGraphError/outputFailed(path:reason:)`` when the folder
    ///   cannot be created, is a file, or a file cannot be written.
    public static func write(_ r: ChainReport, to folder: String) throws(ChainGraphError) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .outputFailed(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
            }
        } else if !isDirectory.boolValue {
            throw .outputFailed(path: folder, reason: "exists and is not a folder")
        }
        var contents = [MarkdownReport.render(r), HTMLReport.render(r), try json(r), NotebookReport.render(r),
                        TableRenderer.csv(ResultTable(r.gaps)), TableRenderer.csv(ResultTable(r.shortlist)),
                        TableRenderer.csv(ResultTable(r.matchmaking))]
        if !r.comparison.isEmpty { contents.append(TableRenderer.csv(ResultTable(r.comparison))) }
        // Write all files to temporaries first, then rename them in one go.
        var writers: [AtomicFileWriter] = []
        for (name, text) in zip(files(for: r), contents) {
            let w = try AtomicFileWriter(path: "\(folder)/\(name)")
            try w.write(text)
            writers.append(w)
        }
        for w in writers { try w.commit() }
    }
}
