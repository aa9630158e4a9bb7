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
    case graphml, gexf, mtx, edgelist
}

public enum GraphExport {
    /// Streams the export through `write` in chunks.
    /// - Complexity: O(n + m) time, O(1) extra memory.
    public static func export(_ g: SupplyGraph, as format: GraphExportFormat, to write: (String) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        let firms = g.firms, tree = g.segments
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
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] {
                    try emit([firms.id(Int(g.inSupplier[e])), firms.id(b), number(g.value[e]), segmentId(g.linkSegment[e])].map(csv).joined(separator: ",") + "\n")
                }
            }
        case .mtx:
            var pairs = 0
            forEachPair(g) { _, _, _ in pairs += 1 }
            try emit("%%MatrixMarket matrix coordinate real general\n")
            try emit("% ChainGraph supply graph: row = supplier, column = buyer (1-based, firm order of the dataset), value = total link value\n")
            try emit("\(g.firmCount) \(g.firmCount) \(pairs)\n")
            var failure: ChainGraphError?
            forEachPair(g) { s, b, v in
                guard failure == nil else { return }
                do throws(ChainGraphError) { try emit("\(s + 1) \(b + 1) \(number(v))\n") } catch { failure = error }
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
            for f in 0..<g.firmCount {
                var node = "    <node id=\"\(xml(firms.id(f)))\">"
                let name = firms.name(f)
                if !name.isEmpty { node += "<data key=\"d0\">\(xml(name))</data>" }
                if let r = firms.region(f) { node += "<data key=\"d1\">\(xml(r.description))</data>" }
                let segs = firmSegments(f)
                if !segs.isEmpty { node += "<data key=\"d2\">\(xml(segs))</data>" }
                if let rev = firms.revenue(f) { node += "<data key=\"d3\">\(number(rev))</data>" }
                try emit(node + "</node>\n")
            }
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] {
                    var edge = "    <edge source=\"\(xml(firms.id(Int(g.inSupplier[e]))))\" target=\"\(xml(firms.id(b)))\"><data key=\"d4\">\(number(g.value[e]))</data>"
                    if g.linkSegment[e] >= 0 { edge += "<data key=\"d5\">\(xml(segmentId(g.linkSegment[e])))</data>" }
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
            for f in 0..<g.firmCount {
                let name = firms.name(f)
                var node = "      <node id=\"\(xml(firms.id(f)))\" label=\"\(xml(name.isEmpty ? firms.id(f) : name))\"><attvalues>"
                if let r = firms.region(f) { node += "<attvalue for=\"0\" value=\"\(xml(r.description))\"/>" }
                let segs = firmSegments(f)
                if !segs.isEmpty { node += "<attvalue for=\"1\" value=\"\(xml(segs))\"/>" }
                if let rev = firms.revenue(f) { node += "<attvalue for=\"2\" value=\"\(number(rev))\"/>" }
                try emit(node + "</attvalues></node>\n")
            }
            try emit("    </nodes>\n    <edges>\n")
            var id = 0
            for b in 0..<g.firmCount {
                for e in g.inOffsets[b]..<g.inOffsets[b + 1] {
                    var edge = "      <edge id=\"\(id)\" source=\"\(xml(firms.id(Int(g.inSupplier[e]))))\" target=\"\(xml(firms.id(b)))\" weight=\"\(number(g.value[e]))\">"
                    if g.linkSegment[e] >= 0 { edge += "<attvalues><attvalue for=\"3\" value=\"\(xml(segmentId(g.linkSegment[e])))\"/></attvalues>" }
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

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    /// RFC 4180 quoting: a field with a comma, quote, line break or edge space is quoted,
    /// inner quotes doubled. Shared by every CSV ChainGraph writes.
    package static func csv(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters; drop them rather than write invalid XML.
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
