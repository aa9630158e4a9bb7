/// A segment (环节) as declared in `segments.csv` or through the builder, before validation
/// (SPEC §1 `segments.csv`).
///
/// References are by id and checked when the graph is built: unique ids, known parent and
/// inputs, a parent in the same chain, no parent cycle.
///
/// ```swift
/// builder.addSegment(SegmentDefinition(id: "cell", name: "动力电池", chain: "NEV",
///                                      parent: "battery", stage: .midstream, inputs: ["cathode", "anode"]))
/// ```
public struct SegmentDefinition: Sendable, Hashable {
    /// Unique segment id (环节编号).
    public var id: String
    /// Display name (环节名称); empty when unknown.
    public var name: String
    /// The chain (产业链) it belongs to, by id or name; chains are numbered in order of first
    /// appearance.
    public var chain: String
    /// Id of the parent segment in the same chain (上级环节); nil at the top level.
    public var parent: String?
    /// Position along the chain (阶段); nil when not given.
    public var stage: Stage?
    /// Ids of the segments this one needs as inputs (投入环节); they define required(b) of
    /// SPEC §3 for the gap analysis. Duplicates are dropped when the tree is built.
    public var inputs: [String]

    /// A definition; only `id` and `chain` are required.
    public init(id: String, name: String = "", chain: String, parent: String? = nil, stage: Stage? = nil, inputs: [String] = []) {
        self.id = id
        self.name = name
        self.chain = chain
        self.parent = parent
        self.stage = stage
        self.inputs = inputs
    }
}

/// Where a definition came from, so validation errors can name file, line and column.
package struct DefinitionSource: Sendable, Hashable {
    package var file: String
    package var line: Int
    /// Field number of each named column (0 when absent).
    package var idColumn = 0, parentColumn = 0, inputsColumn = 0

    package func location(_ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

extension SegmentTree {
    /// Validates definitions and builds the tree: unique ids, known parents and inputs,
    /// parent in the same chain, no parent cycle (SPEC §1).
    ///
    /// - Complexity: O(s · depth) for s segments.
    package static func validated(_ definitions: [SegmentDefinition], sources: [DefinitionSource?]) throws(ChainGraphError) -> SegmentTree {
        func fail(_ i: Int, _ column: KeyPath<DefinitionSource, Int>, _ message: String) -> ChainGraphError {
            if let source = sources[i] { return .data(source.location(source[keyPath: column]), message) }
            return .invalidData("segment \(definitions[i].id): \(message)")
        }
        var index: [String: Int] = [:]
        var chains: [String] = []
        var chainIndex: [String: Int] = [:]
        for (i, d) in definitions.enumerated() {
            if d.id.isEmpty { throw fail(i, \.idColumn, "empty segment id") }
            if let first = index[d.id] {
                let earlier = sources[first].map { " (first defined on line \($0.line))" } ?? ""
                throw fail(i, \.idColumn, "duplicate segment id \"\(d.id)\"\(earlier)")
            }
            index[d.id] = i
            if chainIndex[d.chain] == nil {
                chainIndex[d.chain] = chains.count
                chains.append(d.chain)
            }
        }
        var segments: [Segment] = []
        segments.reserveCapacity(definitions.count)
        for (i, d) in definitions.enumerated() {
            var parent: Int?
            if let p = d.parent {
                guard let pi = index[p] else { throw fail(i, \.parentColumn, "unknown parent segment \"\(p)\"") }
                guard definitions[pi].chain == d.chain else {
                    throw fail(i, \.parentColumn, "parent segment \"\(p)\" belongs to chain \"\(definitions[pi].chain)\", not \"\(d.chain)\"")
                }
                parent = pi
            }
            var inputs: [Int] = []
            for name in d.inputs {
                guard let ii = index[name] else { throw fail(i, \.inputsColumn, "unknown input segment \"\(name)\"") }
                if !inputs.contains(ii) { inputs.append(ii) }
            }
            segments.append(Segment(id: d.id, name: d.name, chain: chainIndex[d.chain], parent: parent, stage: d.stage, inputs: inputs))
        }
        // Parent cycles: walk up from every segment; colour 1 = on the current walk.
        var state = [UInt8](repeating: 0, count: segments.count)  // 0 new, 1 walking, 2 done
        for start in segments.indices where state[start] == 0 {
            var path: [Int] = []
            var s: Int? = start
            while let current = s, state[current] == 0 {
                state[current] = 1
                path.append(current)
                s = segments[current].parent
            }
            if let current = s, state[current] == 1 {
                let cycleStart = path.firstIndex(of: current)!
                let cycle = path[cycleStart...]
                let first = cycle.min()!  // report the cycle at its first row in the file
                let names = (cycle.map { segments[$0].id } + [segments[current].id]).joined(separator: " → ")
                throw fail(first, \.parentColumn, "parent cycle: \(names)")
            }
            for p in path { state[p] = 2 }
        }
        return SegmentTree(segments: segments, chains: chains, hasTree: true)
    }

    /// A tree of bare labels, for datasets without `segments.csv`.
    package static func labels(_ ids: [String]) -> SegmentTree {
        SegmentTree(segments: ids.map { Segment(id: $0, name: "", chain: nil, parent: nil, stage: nil, inputs: []) },
                    chains: [], hasTree: false)
    }
}
