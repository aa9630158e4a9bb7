/// Writes the supply graph in formats other tools read (Gephi, NetworkX, scipy, pandas).
///
/// - `edgelist`: CSV `supplier,buyer,value,segment`, one row per merged link (pandas,
///   spreadsheets).
/// - `graphml`: GraphML with node attributes name, region, segment, revenue and edge
///   attributes value, segment; one edge per link, so a pair trading several segments has
///   parallel edges (NetworkX then returns a MultiDiGraph).
/// - `gexf`: GEXF 1.2 for Gephi, same attributes, edge weight = value.
/// - `mtx`: Matrix Market coordinate matrix (scipy.io.mmread): row = supplier, column =
///   buyer, 1-based in firm order, value summed over segments.
public enum GraphExportFormat: String, Sendable, CaseIterable {
    /// GraphML (NetworkX `read_graphml`, yEd), one edge per link.
    case graphml
    /// GEXF 1.2 (Gephi), edge weight = value.
    case gexf
    /// Matrix Market coordinate matrix (scipy.io.mmread), one entry per supplier–buyer pair.
    case mtx
    /// CSV `supplier,buyer,value,segment`, one row per link.
    case edgelist
}

/// Writes the supply graph, whole or scoped to a region or chain, in the formats of
/// ``GraphExportFormat``.
///
/// ```swift
/// var xml = ""
/// let hubei = try GraphExport.Scope(graph, region: RegionPath("湖北")!, chain: nil)
/// try GraphExport.export(graph, as: .graphml, scope: hubei) { xml += $0 }
/// ```
public enum GraphExport {
    /// Which part of the graph to export: the links that touch a selected firm, and the
    /// firms at either end of them (a region with its suppliers and buyers).
    public struct Scope: Sendable {
        /// Per firm: selected.
        public var selected: [Bool]

        /// Firms in `region` (if given) that have a segment of `chain` (if given).
        /// - Throws: ``ChainGraphError/regionMatchesNoFirm(_:available:)``,
        ///   ``ChainGraphError/emptySelection(_:)`` for an unknown chain or an empty result.
        public init(_ graph: SupplyGraph, region: RegionPath?, chain: String?) throws(ChainGraphError) {
            var keep = [Bool](repeating: true, count: graph.firmCount)
            if let region { keep = try RegionContext(graph, locality: .fixed(region)).isInRegion }
            if let chain {
                guard let c = graph.segments.chainIndex(of: chain) else { throw .emptySelection("chain \(chain)") }
                for f in 0..<graph.firmCount where keep[f] { keep[f] = graph.chains(of: f).contains(c) }
            }
            guard keep.contains(true) else { throw .emptySelection([region.map { "region \($0)" }, chain.map { "chain \($0)" }].compactMap { $0 }.joined(separator: " and ")) }
            selected = keep
        }
    }

    /// Streams the export through `write` in chunks of about 64 KiB.
    ///
    /// With a scope, the export keeps every link with a selected end and the firms at both
    /// ends of those links; `mtx` keeps the full n × n dimensions and firm numbering.
    /// - Parameters:
    ///   - g: the supply graph.
    ///   - format: the file format.
    ///   - scope: the part to export; nil for the whole graph.
    ///   - write: receives the text piece by piece; an error it throws stops the export.
    /// - Throws: what `write` throws.
    /// - Complexity: O(n + m) time, O(n) extra memory.
    public static func export(_ g: SupplyGraph, as format: GraphExportFormat, scope: Scope? = nil,
                              to write: (String) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        let firms = g.firms, tree = g.segments
        // A link is kept when either end is selected; a firm when it is selected or an end of a kept link.
        let selected = scope?.selected
        var keepFirm = selected ?? [Bool](repeating: true, count: g.firmCount)
        if let selected {
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] where selected[b] || selected[Int(g.inSupplier[e])] {
                    keepFirm[b] = true
                    keepFirm[Int(g.inSupplier[e])] = true
                }
            }
        }
        func keepLink(_ s: Int, _ b: Int) -> Bool { selected.map { $0[s] || $0[b] } ?? true }
        func segmentId(_ s: Int32) -> String { s < 0 ? "" : tree.segments[Int(s)].id }
        func firmSegments(_ f: Int) -> String { firms.segments(f).map { tree.segments[Int($0)].id }.joined(separator: ";") }
        var buffer = ""
        func emit(_ s: String) throws(ChainGraphError) {
            buffer += s
            if buffer.utf8.count > 1 << 16 { try write(buffer); buffer = "" }
        }
        switch format {
        case .edgelist:
            try emit("supplier,buyer,value,segment\n")
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] where keepLink(Int(g.inSupplier[e]), b) {
                    try emit([firms.id(Int(g.inSupplier[e])), firms.id(b), NumberFormat.plain(g.value[e]), segmentId(g.linkSegment[e])].map(TextEscaping.csv).joined(separator: ",") + "\n")
                }
            }
        case .mtx:
            var pairs = 0
            forEachPair(g) { s, b, _ in if keepLink(s, b) { pairs += 1 } }
            try emit("%%MatrixMarket matrix coordinate real general\n")
            try emit("% ChainGraph supply graph: row = supplier, column = buyer (1-based, firm order of the dataset), value = total link value\n")
            try emit("\(g.firmCount) \(g.firmCount) \(pairs)\n")
            var failure: ChainGraphError?
            forEachPair(g) { s, b, v in
                guard failure == nil, keepLink(s, b) else { return }
                do throws(ChainGraphError) { try emit("\(s + 1) \(b + 1) \(NumberFormat.plain(v))\n") } catch { failure = error }
            }
            if let failure { throw failure }
        case .graphml:
            try emit("""
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
                  <key id="d0" for="node" attr.name="name" attr.type="string"/>
                  <key id="d1" for="node" attr.name="region" attr.type="string"/>
                  <key id="d2" for="node" attr.name="segment" attr.type="string"/>
                  <key id="d3" for="node" attr.name="revenue" attr.type="double"/>
                  <key id="d4" for="edge" attr.name="value" attr.type="double"/>
                  <key id="d5" for="edge" attr.name="segment" attr.type="string"/>
                  <graph id="supply" edgedefault="directed">

                """)
            for f in 0..<g.firmCount where keepFirm[f] {
                var node = "    <node id=\"\(TextEscaping.xml(firms.id(f)))\">"
                let name = firms.name(f)
                if !name.isEmpty { node += "<data key=\"d0\">\(TextEscaping.xml(name))</data>" }
                if let r = firms.region(f) { node += "<data key=\"d1\">\(TextEscaping.xml(r.description))</data>" }
                let segs = firmSegments(f)
                if !segs.isEmpty { node += "<data key=\"d2\">\(TextEscaping.xml(segs))</data>" }
                if let rev = firms.revenue(f) { node += "<data key=\"d3\">\(NumberFormat.plain(rev))</data>" }
                try emit(node + "</node>\n")
            }
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] where keepLink(Int(g.inSupplier[e]), b) {
                    var edge = "    <edge source=\"\(TextEscaping.xml(firms.id(Int(g.inSupplier[e]))))\" target=\"\(TextEscaping.xml(firms.id(b)))\"><data key=\"d4\">\(NumberFormat.plain(g.value[e]))</data>"
                    if g.linkSegment[e] >= 0 { edge += "<data key=\"d5\">\(TextEscaping.xml(segmentId(g.linkSegment[e])))</data>" }
                    try emit(edge + "</edge>\n")
                }
            }
            try emit("  </graph>\n</graphml>\n")
        case .gexf:
            try emit("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
                  <meta><creator>ChainGraph</creator><description>supply graph: edges supplier → buyer, weight = value</description></meta>
                  <graph mode="static" defaultedgetype="directed">
                    <attributes class="node" mode="static">
                      <attribute id="0" title="region" type="string"/>
                      <attribute id="1" title="segment" type="string"/>
                      <attribute id="2" title="revenue" type="double"/>
                    </attributes>
                    <attributes class="edge" mode="static">
                      <attribute id="3" title="segment" type="string"/>
                    </attributes>
                    <nodes>

                """)
            for f in 0..<g.firmCount where keepFirm[f] {
                let name = firms.name(f)
                var node = "      <node id=\"\(TextEscaping.xml(firms.id(f)))\" label=\"\(TextEscaping.xml(name.isEmpty ? firms.id(f) : name))\"><attvalues>"
                if let r = firms.region(f) { node += "<attvalue for=\"0\" value=\"\(TextEscaping.xml(r.description))\"/>" }
                let segs = firmSegments(f)
                if !segs.isEmpty { node += "<attvalue for=\"1\" value=\"\(TextEscaping.xml(segs))\"/>" }
                if let rev = firms.revenue(f) { node += "<attvalue for=\"2\" value=\"\(NumberFormat.plain(rev))\"/>" }
                try emit(node + "</attvalues></node>\n")
            }
            try emit("    </nodes>\n    <edges>\n")
            var id = 0
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] where keepLink(Int(g.inSupplier[e]), b) {
                    var edge = "      <edge id=\"\(id)\" source=\"\(TextEscaping.xml(firms.id(Int(g.inSupplier[e]))))\" target=\"\(TextEscaping.xml(firms.id(b)))\" weight=\"\(NumberFormat.plain(g.value[e]))\">"
                    if g.linkSegment[e] >= 0 { edge += "<attvalues><attvalue for=\"3\" value=\"\(TextEscaping.xml(segmentId(g.linkSegment[e])))\"/></attvalues>" }
                    try emit(edge + "</edge>\n")
                    id += 1
                }
            }
            try emit("    </edges>\n  </graph>\n</gexf>\n")
        }
        if !buffer.isEmpty { try write(buffer) }
    }

    /// Calls `body(supplier, buyer, summed value)` for every distinct pair, in row-major
    /// (supplier, buyer) order.
    static func forEachPair(_ g: SupplyGraph, _ body: (Int, Int, Double) -> Void) {
        for s in 0..<g.firmCount {
            var p = g.outOffsets[s]
            while p < g.outOffsets[s + 1] {
                let b = g.outBuyer[p]
                var v = 0.0
                while p < g.outOffsets[s + 1] && g.outBuyer[p] == b { v += g.value[Int(g.outLink[p])]; p += 1 }
                body(s, Int(b), v)
            }
        }
    }

}
