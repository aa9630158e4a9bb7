import ChainGraph
import Foundation

/// Writes the four report files into a folder, each atomically (a failed or cancelled run
/// leaves no partial file).
public enum ReportWriter {
    public static let files = ["report.md", "report.html", "report.json", "report.ipynb"]

    /// The report model as JSON: snake_case keys, sorted, so diffs are stable.
    public static func json(_ r: ChainReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? encoder.encode(r)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func write(_ r: ChainReport, to folder: String) throws(ChainGraphError) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .outputFailed(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
            }
        } else if !isDirectory.boolValue {
            throw .outputFailed(path: folder, reason: "exists and is not a folder")
        }
        let contents = [MarkdownReport.render(r), HTMLReport.render(r), json(r), NotebookReport.render(r)]
        // Write all four to temporaries first, then rename them in one go.
        var writers: [AtomicFileWriter] = []
        for (name, text) in zip(files, contents) {
            let w = try AtomicFileWriter(path: "\(folder)/\(name)")
            try w.write(text)
            writers.append(w)
        }
        for w in writers { try w.commit() }
    }
}
