import ChainGraph

/// One `<Relationship>` of an OPC relationships part (ECMA-376 Part 2, §9.3).
struct PackageRelationship {
    var id: String
    /// The relationship type URI; compared by its last path component so that transitional
    /// (`http://schemas.openxmlformats.org/…/worksheet`) and strict
    /// (`http://purl.oclc.org/ooxml/…/worksheet`) workbooks read alike.
    var type: String
    /// The target part name, resolved against the source part (no leading `/`).
    var target: String
    var isExternal: Bool

    /// Whether the type URI ends in `/kind`.
    func hasType(_ kind: String) -> Bool { type.hasSuffix("/" + kind) }
}

enum PackageRelationships {
    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`;
    /// the package itself (`""`) → `_rels/.rels`.
    static func relationshipsPart(of part: String) -> String {
        let (folder, file) = split(part)
        return folder + "_rels/" + file + ".rels"
    }

    /// The relationships of `part`, or none when it has no relationships part.
    static func read(of part: String, archive: ZipArchive, budget: inout DecompressionBudget) throws(ChainGraphError) -> [PackageRelationship] {
        let relsName = relationshipsPart(of: part)
        guard let entry = archive.entry(named: relsName) else { return [] }
        let bytes = try archive.contents(of: entry, budget: &budget)
        var relationships: [PackageRelationship] = []
        for tag in try PartXML.startTags(bytes, part: relsName, workbook: archive.path) where tag.localName == "Relationship" {
            guard let id = tag.attribute("Id"), let type = tag.attribute("Type"), let target = tag.attribute("Target") else { continue }
            let external = tag.attribute("TargetMode") == "External"
            relationships.append(PackageRelationship(id: id, type: type, target: external ? target : resolve(target, from: part),
                                                     isExternal: external))
        }
        return relationships
    }

    /// Resolves a relationship target against its source part (RFC 3986 §5.2 for relative
    /// references): `worksheets/sheet1.xml` from `xl/workbook.xml` is
    /// `xl/worksheets/sheet1.xml`; `/xl/worksheets/sheet1.xml` is absolute; `.` and `..`
    /// segments are removed and `%XX` escapes decoded.
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = percentDecoded(target.replacingBackslashes())
        let joined = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : split(source).folder + decoded
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { if !segments.isEmpty { segments.removeLast() }; continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    /// `xl/workbook.xml` → (`xl/`, `workbook.xml`).
    private static func split(_ part: String) -> (folder: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        let utf8 = Array(s.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x25, i + 2 < utf8.count, let hi = hexValue(utf8[i + 1]), let lo = hexValue(utf8[i + 2]) {
                bytes.append(hi << 4 | lo)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}

private extension String {
    func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
