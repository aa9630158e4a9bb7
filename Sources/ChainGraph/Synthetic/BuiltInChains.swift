/// The built-in chain trees synthetic datasets are drawn from: real industrial chains an
/// analyst recognises, with groups, leaf segments and the inputs each leaf needs.
package enum BuiltInChains {
    /// (chain, [(id, name, parent, stage, inputs)]) in tier order, upstream first.
    package static let all: [(chain: String, segments: [(id: String, name: String, parent: String?, stage: Stage, inputs: [String])])] = [
        ("新能源汽车", [
            ("EV1", "上游-原材料", nil, .upstream, []),
            ("EV11", "锂矿", "EV1", .upstream, []), ("EV12", "钴镍资源", "EV1", .upstream, []), ("EV13", "石墨", "EV1", .upstream, []),
            ("EV2", "中游-电池材料", nil, .midstream, []),
            ("EV21", "正极材料", "EV2", .midstream, ["EV11", "EV12"]), ("EV22", "负极材料", "EV2", .midstream, ["EV13"]),
            ("EV23", "电解液", "EV2", .midstream, ["EV11"]), ("EV24", "隔膜", "EV2", .midstream, []), ("EV25", "铜箔", "EV2", .midstream, []),
            ("EV3", "中游-核心零部件", nil, .midstream, []),
            ("EV31", "动力电池", "EV3", .midstream, ["EV21", "EV22", "EV23", "EV24", "EV25"]),
            ("EV32", "电池管理系统", "EV3", .midstream, ["EV35"]), ("EV33", "驱动电机", "EV3", .midstream, ["EV25"]),
            ("EV34", "电机控制器", "EV3", .midstream, ["EV35"]), ("EV35", "车规芯片", "EV3", .midstream, []),
            ("EV36", "热管理", "EV3", .midstream, []),
            ("EV4", "下游", nil, .downstream, []),
            ("EV41", "整车制造", "EV4", .downstream, ["EV31", "EV32", "EV33", "EV34", "EV35", "EV36"]),
            ("EV42", "充电桩", "EV4", .downstream, ["EV35"]),
        ]),
        ("集成电路", [
            ("IC1", "材料与设备", nil, .upstream, []),
            ("IC11", "硅片", "IC1", .upstream, []), ("IC12", "光刻胶", "IC1", .upstream, []), ("IC13", "电子特气", "IC1", .upstream, []),
            ("IC14", "半导体设备", "IC1", .upstream, []),
            ("IC2", "设计与制造", nil, .midstream, []),
            ("IC21", "芯片设计", "IC2", .midstream, []),
            ("IC22", "晶圆制造", "IC2", .midstream, ["IC11", "IC12", "IC13", "IC14", "IC21"]),
            ("IC23", "封装测试", "IC2", .midstream, ["IC22"]),
            ("IC3", "应用", nil, .downstream, []),
            ("IC31", "模组与终端", "IC3", .downstream, ["IC23"]),
        ]),
        ("光伏", [
            ("PV1", "上游", nil, .upstream, []),
            ("PV11", "工业硅", "PV1", .upstream, []), ("PV12", "多晶硅", "PV1", .upstream, ["PV11"]),
            ("PV2", "中游", nil, .midstream, []),
            ("PV21", "硅片", "PV2", .midstream, ["PV12"]), ("PV22", "电池片", "PV2", .midstream, ["PV21"]),
            ("PV23", "光伏玻璃", "PV2", .midstream, []), ("PV24", "组件", "PV2", .midstream, ["PV22", "PV23"]),
            ("PV25", "逆变器", "PV2", .midstream, []),
            ("PV3", "下游", nil, .downstream, []),
            ("PV31", "光伏电站", "PV3", .downstream, ["PV24", "PV25"]),
        ]),
    ]

    /// Province / city / park paths firms are placed in.
    package static let regions: [(province: String, cities: [(String, [String])])] = [
        ("湖北", [("武汉", ["东湖高新区", "经开区"]), ("襄阳", ["高新区"]), ("宜昌", ["高新区"])]),
        ("广东", [("深圳", ["坪山区", "南山区"]), ("广州", ["番禺区"]), ("东莞", ["松山湖"])]),
        ("江苏", [("常州", ["武进高新区"]), ("苏州", ["工业园区"]), ("无锡", ["新吴区"])]),
        ("上海", [("上海", ["临港新片区", "嘉定区", "张江"])]),
        ("浙江", [("宁波", ["杭州湾新区"]), ("杭州", ["滨江区"])]),
        ("安徽", [("合肥", ["经开区", "新站区"])]),
        ("四川", [("宜宾", ["三江新区"]), ("成都", ["高新区"])]),
        ("江西", [("宜春", ["经开区"]), ("赣州", ["经开区"])]),
        ("福建", [("宁德", ["东侨经开区"]), ("厦门", ["火炬高新区"])]),
        ("湖南", [("长沙", ["经开区"])]),
        ("陕西", [("西安", ["高新区"])]),
        ("青海", [("西宁", ["南川工业园"])]),
    ]
}
