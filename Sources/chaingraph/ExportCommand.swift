import ArgumentParser
import ChainGraph
import Glibc

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the supply graph for Gephi, NetworkX, scipy or pandas.",
        discussion: """
            --format graphml  NetworkX (nx.read_graphml) and Gephi; node attributes name, region, segment, revenue; edge \
            attributes value, segment (one edge per link: a pair trading several segments gives parallel edges).
            --format gexf     Gephi (GEXF 1.2); edge weight = value.
            --format mtx      Matrix Market for scipy.io.mmread: row = supplier, column = buyer, 1-based in firm order.
            --format edgelist CSV supplier,buyer,value,segment for pandas.

            Examples:
              chaingraph export --format graphml --output nev.graphml
              chaingraph export --format mtx --output nev.mtx
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "graphml, gexf, mtx or edgelist.")
    var format: String

    func validate() throws {
        guard GraphExportFormat(rawValue: format) != nil else { throw ValidationError("--format must be graphml, gexf, mtx or edgelist") }
    }

    func run() throws {
        let graph = try input.loadGraph()
        let kind = GraphExportFormat(rawValue: format)!
        if let output = input.output {
            let writer = try AtomicFileWriter(path: output)
            try GraphExport.export(graph, as: kind) { (chunk) throws(ChainGraphError) in try writer.write(chunk) }
            try writer.commit()
        } else {
            try GraphExport.export(graph, as: kind) { (chunk) throws(ChainGraphError) in try input.emitText(chunk) }
        }
    }
}
