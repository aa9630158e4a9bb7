/// The loader's view of region normalisation (SPEC §1.1): canonical path text of a region
/// cell and the path of a division code. Backed by ``RegionNormalizer`` and the bundled
/// division table.
enum RegionNormalization {
    /// The canonical `/` path of a region cell, and whether the division table knew it.
    static func normalize(_ text: String) -> (path: String, recognized: Bool) {
        let n = RegionNormalizer.normalize(text)
        return (n.components.joined(separator: "/"), n.recognized)
    }

    /// The canonical path of a 6-digit division code, nil when the table lacks it.
    static func path(ofDivision code: String) -> String? {
        let n = RegionNormalizer.normalize(code)
        return n.recognized ? n.components.joined(separator: "/") : nil
    }
}

/// The loader's view of the unified social credit code (SPEC §1.1 "Ids").
enum CreditCodeCheck {
    enum Outcome {
        /// Well-formed with a correct check character; its registration division.
        case valid(division: String)
        /// Well-formed but the check character is wrong; the expected one.
        case badCheck(expected: Character)
    }

    /// Nil when `id` does not have the form of a credit code.
    static func check(_ id: String) -> Outcome? {
        guard let code = CreditCode(id) else { return nil }
        if code.hasValidCheck { return .valid(division: code.registrationDivision) }
        return .badCheck(expected: code.expectedCheckCharacter)
    }
}
