import ArgumentParser
import ChainGraph

struct LinkagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkages",
        abstract: "Segment input–output linkages: backward (Leontief) and forward (Ghosh) linkages, key segments.",
        discussion: """
            Z[i][j] = value of segment-i goods bought by firms whose primary segment is j; x_j = revenue of those \
            firms. backward > 1: the segment pulls more than average from the others; forward > 1: it pushes more \
            than average into them; key = both. Solved with LAPACK. Segments with zero output are left out (warning).

            Columns: segment,output,backward,forward,key; rows by backward descending.

            Example:
              chaingraph linkages --format md
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var out: RowOutputOptions

    func run() throws {
        let graph = try data.loadGraph()
        let result = try SegmentLinkages.compute(graph)
        if !result.zeroOutput.isEmpty {
            data.warn("left out of the input–output system (zero output x_j): \(result.zeroOutput.joined(separator: ", "))")
        }
        try out.emit(result.rows)
    }
}
