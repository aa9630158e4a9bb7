import ArgumentParser
import ChainGraph

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the supply graph for Gephi, NetworkX, scipy or pandas — whole, or a region or chain with its suppliers and buyers.",
        discussion: """
            --format graphml  NetworkX (nx.read_graphml) and Gephi; node attributes name, region, segment, revenue; edge \
            attributes value, segment (one edge per link: a pair trading several segments gives parallel edges).
            --format gexf     Gephi (GEXF 1.2); edge weight = value.
            --format mtx      Matrix Market for scipy.io.mmread: row = supplier, column = buyer, 1-based in firm order.
            --format edgelist CSV supplier,buyer,value,segment for pandas.

            --local R and --chain C keep the links that touch a firm of R (and of C), with the firms at both ends: \
            the region's subgraph with its outside suppliers and buyers.

            Examples:
              chaingraph export --format graphml --output nev.graphml
              chaingraph export --format gexf --local 湖北 --output hubei.gexf
              chaingraph export --format edgelist --local 湖北 --chain 新能源汽车
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption
    @OptionGroup var file: OutputFileOption

    @Option(name: .long, help: ArgumentHelp("graphml, gexf, mtx or edgelist.", valueName: "format"))
    var format: GraphExportFormat

    @Option(name: .long, help: ArgumentHelp("Only links touching firms of chain C (with --local: firms of R in C).", valueName: "C"))
    var chain: String?

    func run() throws {
        let graph = try data.loadGraph()
        let local = try region.local.map { (r) throws(ChainGraphError) in try FixedRegionOption.resolve(r, graph, quiet: data.quiet) }
        let scope = local == nil && chain == nil ? nil : try GraphExport.Scope(graph, region: local, chain: chain)
        if let output = file.output {
            let writer = try AtomicFileWriter(path: output)
            try GraphExport.export(graph, as: format, scope: scope) { (chunk) throws(ChainGraphError) in try writer.write(chunk) }
            try writer.commit()
        } else {
            try GraphExport.export(graph, as: format, scope: scope) { (chunk) throws(ChainGraphError) in writeStdout(chunk) }
        }
    }
}
