#!/usr/bin/env python3
"""Generate the bundled ChainGraph demonstration datasets (datasets/nev, datasets/nev-2025).

THE DATA IS SYNTHETIC.  Every firm, name, revenue figure and trade flow is
invented for demonstration and testing; none of it describes a real company.

The generator is deterministic: it uses only the Python 3 standard library and
one seeded ``random.Random`` instance per year (SEED for the first year,
SEED_2025 for the second), iterates over lists / insertion-ordered dicts only
(never over sets, whose order depends on hash seeds), and writes UTF-8 CSV with
LF line endings.  Running, from the repository root,

    python3 datasets/tools/make_nev_dataset.py              # datasets/nev (the first year, "2024")
    python3 datasets/tools/make_nev_dataset.py --year 2025  # datasets/nev-2025 (the second year)

regenerates the three CSV files of that year byte-identically.  The second
year is derived in memory from the first (section 8).

Outputs (see datasets/README.md for the full description):
    datasets/nev/segments.csv  id,name,chain,parent,stage,inputs
    datasets/nev/firms.csv     id,name,region,segment,revenue,tags
    datasets/nev/links.csv     supplier,buyer,value,segment
    datasets/nev-2025/         the same three files for the second year

links.csv never has a self-loop or two rows with the same (supplier, buyer,
segment): the bundled data loads without warnings.  (Deliberate dirt for the
loader's repairs lives in datasets/nev-analyst.)

Units: revenue and link value are in 万元 (10,000 CNY).

The focal region for the planted analysis features is 湖北 (Hubei).  The
features are created by the explicit tables PLANTED_FIRMS, PLANTED_SOURCING
and EXCLUSIVE_SUPPLIERS below; everything else is random but seeded.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from pathlib import Path

SEED = 20240607
FOCAL = "湖北"

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "datasets" / "nev"

# ---------------------------------------------------------------------------
# 1. Chain tree (产业链树状图)
# ---------------------------------------------------------------------------
# (id, name, chain, parent, stage, [(input segment, share of buyer revenue)])
# Group nodes have a parent of "" and no inputs.  The share is only used by
# the generator to size link values; segments.csv lists the input ids only.
NEV = "新能源汽车"
ICV = "智能网联"

SEGMENTS = [
    # --- 新能源汽车 (NEV) ----------------------------------------------------
    ("S01", "上游-原材料", NEV, "", "upstream", []),
    ("S02", "中游-电池材料", NEV, "", "midstream", []),
    ("S03", "中游-核心零部件", NEV, "", "midstream", []),
    ("S04", "下游-整车与配套", NEV, "", "downstream", []),
    ("S05", "后市场", NEV, "", "downstream", []),
    ("S10", "锂矿", NEV, "S01", "upstream", []),
    ("S11", "钴镍资源", NEV, "S01", "upstream", []),
    ("S12", "石墨", NEV, "S01", "upstream", []),
    ("S13", "铜铝材料", NEV, "S01", "upstream", []),
    ("S14", "稀土永磁材料", NEV, "S01", "upstream", []),
    ("S20", "正极材料", NEV, "S02", "midstream", [("S10", 0.30), ("S11", 0.25)]),
    ("S21", "负极材料", NEV, "S02", "midstream", [("S12", 0.35)]),
    ("S22", "电解液", NEV, "S02", "midstream", [("S10", 0.30)]),
    ("S23", "隔膜", NEV, "S02", "midstream", []),
    ("S24", "铜箔", NEV, "S02", "midstream", [("S13", 0.55)]),
    ("S30", "动力电池(电芯)", NEV, "S03", "midstream",
     [("S20", 0.30), ("S21", 0.08), ("S22", 0.06), ("S23", 0.06), ("S24", 0.06)]),
    ("S31", "电池管理系统(BMS)", NEV, "S03", "midstream", [("S35", 0.20)]),
    ("S32", "驱动电机", NEV, "S03", "midstream", [("S13", 0.20), ("S14", 0.18)]),
    ("S33", "电机控制器(电控)", NEV, "S03", "midstream", [("S34", 0.25), ("S35", 0.08)]),
    ("S34", "功率半导体(IGBT/SiC)", NEV, "S03", "midstream", []),
    ("S35", "车规MCU芯片", NEV, "S03", "midstream", []),
    ("S36", "热管理系统", NEV, "S03", "midstream", [("S13", 0.25)]),
    ("S37", "车身结构件", NEV, "S03", "midstream", [("S13", 0.40)]),
    ("S38", "线束与连接器", NEV, "S03", "midstream", [("S13", 0.45)]),
    ("S39", "底盘系统", NEV, "S03", "midstream", [("S13", 0.30)]),
    ("S40", "整车制造", NEV, "S04", "downstream",
     [("S30", 0.30), ("S31", 0.02), ("S32", 0.04), ("S33", 0.04), ("S34", 0.03),
      ("S35", 0.01), ("S36", 0.04), ("S37", 0.10), ("S38", 0.04), ("S39", 0.10)]),
    ("S41", "充电桩", NEV, "S04", "downstream", [("S34", 0.15), ("S35", 0.05), ("S38", 0.10)]),
    ("S50", "动力电池回收", NEV, "S05", "downstream", [("S30", 0.40)]),
    # --- 智能网联 (intelligent connected vehicles) -----------------------------
    ("S60", "感知层", ICV, "", "upstream", []),
    ("S61", "决策与交互层", ICV, "", "midstream", []),
    ("S62", "整车集成层", ICV, "", "downstream", []),
    ("S63", "激光雷达", ICV, "S60", "upstream", []),
    ("S64", "车载摄像头", ICV, "S60", "upstream", []),
    ("S65", "自动驾驶芯片", ICV, "S61", "midstream", []),
    ("S66", "智能驾驶域控制器", ICV, "S61", "midstream",
     [("S63", 0.18), ("S64", 0.10), ("S65", 0.25)]),
    ("S67", "智能座舱", ICV, "S61", "midstream", [("S64", 0.05), ("S65", 0.20)]),
    ("S68", "智能网联整车集成", ICV, "S62", "downstream", [("S66", 0.03), ("S67", 0.04)]),
]
SEG_BY_ID = {s[0]: s for s in SEGMENTS}
SEG_INPUTS = {s[0]: s[5] for s in SEGMENTS}

# ---------------------------------------------------------------------------
# 2. Regions (province / city / park)
# ---------------------------------------------------------------------------
PROVINCE_ORDER = ["湖北", "广东", "江苏", "安徽", "上海", "浙江", "福建",
                  "四川", "江西", "湖南", "青海"]

PARKS = {
    "湖北": [("武汉", "东湖高新区"), ("武汉", "经开区"), ("武汉", "东西湖区"),
             ("武汉", "江夏区"), ("襄阳", "高新区"), ("十堰", "经开区"),
             ("宜昌", "高新区"), ("荆门", "高新区"), ("黄石", "经开区"),
             ("孝感", "高新区")],
    "广东": [("深圳", "坪山区"), ("深圳", "宝安区"), ("广州", "番禺区"),
             ("惠州", "仲恺高新区"), ("肇庆", "高新区")],
    "江苏": [("常州", "武进高新区"), ("常州", "金坛区"), ("无锡", "新吴区"),
             ("苏州", "工业园区"), ("南京", "江宁区")],
    "安徽": [("合肥", "经开区"), ("合肥", "新站高新区"), ("芜湖", "经开区")],
    "上海": [("上海", "嘉定区"), ("上海", "临港新片区"), ("上海", "浦东新区")],
    "浙江": [("宁波", "杭州湾新区"), ("衢州", "智造新城"), ("杭州", "钱塘区")],
    "福建": [("宁德", "东侨经开区"), ("厦门", "海沧区")],
    "四川": [("宜宾", "三江新区"), ("遂宁", "高新区"), ("成都", "龙泉驿区")],
    "江西": [("宜春", "经开区"), ("赣州", "经开区"), ("新余", "高新区"),
             ("鹰潭", "高新区")],
    "湖南": [("长沙", "经开区"), ("湘潭", "高新区")],
    "青海": [("西宁", "南川工业园"), ("海西", "格尔木工业园")],
}

# Preferred 湖北 locations per segment: a bare city name means any park of
# that city, "city/park" means exactly that park.
HUBEI_PARK_PREF = {
    "S12": ["宜昌"], "S13": ["黄石", "襄阳", "武汉/江夏区"], "S14": ["荆门"],
    "S20": ["宜昌", "荆门", "武汉/江夏区"], "S21": ["宜昌", "荆门"],
    "S22": ["宜昌", "荆门"], "S30": ["武汉/东湖高新区", "荆门"],
    "S31": ["武汉/东湖高新区"], "S32": ["襄阳", "十堰", "武汉/经开区"],
    "S33": ["武汉/东湖高新区", "襄阳"], "S35": ["武汉/东湖高新区"],
    "S36": ["武汉/经开区", "十堰", "襄阳"],
    "S37": ["十堰", "武汉/经开区", "襄阳", "武汉/东西湖区", "孝感"],
    "S38": ["武汉/东西湖区", "孝感", "十堰", "武汉/经开区"],
    "S39": ["十堰", "襄阳", "武汉/经开区"], "S40": ["武汉/经开区", "襄阳", "十堰"],
    "S41": ["武汉/江夏区", "武汉/东湖高新区", "武汉/东西湖区"], "S50": ["荆门", "武汉/江夏区"],
    "S64": ["武汉/东湖高新区"], "S65": ["武汉/东湖高新区"], "S66": ["武汉/东湖高新区"],
    "S67": ["武汉/经开区", "武汉/东湖高新区"],
}

# ---------------------------------------------------------------------------
# 3. Firm plan
# ---------------------------------------------------------------------------
# Revenue tiers (万元), sampled log-uniformly.
TIERS = {
    "giant": (3.0e6, 1.5e7),
    "large": (3.0e5, 2.0e6),
    "mid": (3.0e4, 3.0e5),
    "small": (1.0e3, 3.0e4),
}

# Generic (randomly generated) firms per primary segment:
#   (number in 湖北, number elsewhere, provinces for the elsewhere firms,
#    tier weights {tier: weight})
# Planted firms (PLANTED_FIRMS) come on top of these numbers.
# Segments S10, S23, S34 and S63 have NO 湖北 firm at all (planted 空白环节).
GENERIC_PLAN = {
    "S10": (0, 11, ["青海", "四川", "江西"], {"large": 3, "mid": 5, "small": 2}),
    "S11": (0, 9, ["浙江", "广东", "江西", "湖南"], {"large": 3, "mid": 4, "small": 2}),
    "S12": (0, 7, ["江西", "四川", "湖南"], {"large": 1, "mid": 4, "small": 3}),
    "S13": (4, 9, ["江西", "安徽", "江苏", "广东"], {"large": 3, "mid": 5, "small": 2}),
    "S14": (0, 6, ["江西", "浙江"], {"large": 2, "mid": 4, "small": 2}),
    "S20": (3, 11, ["湖南", "四川", "江西", "广东", "福建"], {"large": 4, "mid": 4, "small": 1}),
    "S21": (2, 9, ["广东", "江西", "四川", "上海"], {"large": 3, "mid": 4, "small": 2}),
    "S22": (2, 8, ["广东", "江苏", "浙江", "福建"], {"large": 3, "mid": 4, "small": 2}),
    "S23": (0, 7, ["江苏", "上海", "广东", "安徽"], {"large": 3, "mid": 4, "small": 1}),
    "S24": (0, 6, ["江苏", "广东", "江西", "青海"], {"large": 2, "mid": 4, "small": 2}),
    "S30": (0, 13, ["江苏", "广东", "安徽", "四川", "江西", "福建"],
            {"large": 6, "mid": 4, "small": 1}),
    "S31": (2, 9, ["广东", "上海", "江苏", "安徽"], {"large": 1, "mid": 5, "small": 4}),
    "S32": (4, 9, ["广东", "上海", "江苏", "浙江", "湖南"], {"large": 2, "mid": 5, "small": 3}),
    "S33": (3, 9, ["广东", "上海", "江苏", "浙江"], {"large": 2, "mid": 5, "small": 3}),
    "S34": (0, 8, ["上海", "江苏", "广东", "浙江"], {"large": 3, "mid": 4, "small": 2}),
    "S35": (0, 6, ["上海", "广东", "江苏"], {"large": 2, "mid": 4, "small": 2}),
    "S36": (7, 12, ["浙江", "江苏", "上海", "广东"], {"large": 2, "mid": 6, "small": 3}),
    "S37": (13, 15, ["江苏", "浙江", "安徽", "上海", "广东"], {"large": 2, "mid": 6, "small": 4}),
    "S38": (7, 11, ["浙江", "江苏", "广东", "安徽"], {"large": 1, "mid": 6, "small": 4}),
    "S39": (11, 14, ["浙江", "江苏", "安徽", "上海"], {"large": 2, "mid": 6, "small": 3}),
    "S40": (0, 7, ["广东", "上海", "安徽", "江苏", "四川", "浙江", "湖南"],
            {"large": 1}),
    "S41": (5, 9, ["广东", "江苏", "上海", "浙江"], {"large": 1, "mid": 5, "small": 5}),
    "S50": (1, 4, ["广东", "江西", "湖南", "四川"], {"large": 1, "mid": 4, "small": 2}),
    "S63": (0, 4, ["上海", "广东", "江苏"], {"mid": 4, "small": 2}),
    "S64": (0, 6, ["广东", "浙江", "江苏"], {"large": 1, "mid": 4, "small": 2}),
    "S65": (0, 4, ["上海", "安徽", "广东"], {"mid": 3, "small": 2}),
    "S66": (1, 3, ["广东", "上海"], {"large": 1, "mid": 3, "small": 1}),
    "S67": (2, 5, ["广东", "上海", "江苏"], {"large": 1, "mid": 4, "small": 1}),
}

# Tier weights overriding GENERIC_PLAN for the 湖北 firms of a segment
# (makes 湖北 strong in metals, cathode, electrolyte and e-motors, weak in
# BMS and motor controllers).
HUBEI_TIERS = {
    "S13": {"large": 2, "mid": 2},
    "S20": {"large": 3, "mid": 1},
    "S22": {"large": 1, "mid": 1},
    "S32": {"large": 3, "mid": 1},
    "S67": {"mid": 2, "small": 1},   # keeps CK1 the clear local cockpit leader
    "S31": {"mid": 1, "small": 2},   # 湖北 BMS / e-control makers stay small (weak)
    "S33": {"mid": 1, "small": 2},
}

# Generic firms that additionally carry a secondary segment:
#   (primary segment, 湖北?, secondary segment, how many)
# Never gives a 湖北 firm one of the planted missing segments.
GENERIC_SECONDARY = [
    ("S32", False, "S33", 3),   # 电驱总成: motor + controller
    ("S35", False, "S34", 2),   # chip houses doing both MCU and power devices
    ("S64", False, "S63", 1),   # camera maker that also makes lidar
    ("S21", False, "S12", 1),   # anode maker with own graphite
    ("S36", True, "S38", 1),    # 湖北 thermal-management + harness supplier
    ("S39", True, "S37", 2),    # 湖北 chassis + body parts suppliers
    ("S67", False, "S64", 1),   # cockpit maker with own camera module line
    ("S30", False, "S31", 2),   # cell makers selling their own BMS
    ("S37", False, "S39", 2),   # body + chassis parts
    ("S36", False, "S37", 2),   # thermal systems + structural parts
    ("S31", False, "S33", 1),   # BMS + motor controller electronics
    ("S41", False, "S33", 1),   # charger maker also making controllers
    ("S65", False, "S35", 1),   # AD-chip house also selling MCUs
    ("S38", True, "S41", 1),    # 湖北 harness maker also assembling chargers
    ("S32", True, "S36", 1),    # 湖北 motor maker with a thermal line
]
# (No pair of firms may both carry segments X;Y where Y is an input of X and
#  X of Y, and no two firms carry e.g. S13;S24 -- that would add cycles
#  beyond the single planted one.)

# Planted firms: role -> spec.  region "" means unknown region.
#   revenue None -> empty revenue cell.
#   isolated True -> the firm gets no links at all.
PLANTED_FIRMS = [
    # --- 湖北 NEV leaders: four vehicle makers (整车, also 智能网联整车集成)
    dict(role="V1", segs=["S40", "S68"], region=("湖北", "武汉", "经开区"), revenue=8.6e6,
         tags=["上市公司", "高新技术企业"]),
    dict(role="V2", segs=["S40", "S68"], region=("湖北", "武汉", "经开区"), revenue=4.3e6,
         tags=["高新技术企业", "外资"]),
    dict(role="V3", segs=["S40", "S68"], region=("湖北", "襄阳", "高新区"), revenue=1.9e6,
         tags=["高新技术企业"]),
    dict(role="V4", segs=["S40", "S68"], region=("湖北", "十堰", "经开区"), revenue=1.1e6,
         tags=["上市公司"]),
    # --- 湖北 battery makers
    dict(role="B1", segs=["S30"], region=("湖北", "武汉", "东湖高新区"), revenue=1.4e6,
         tags=["上市公司", "高新技术企业"]),
    dict(role="B2", segs=["S30"], region=("湖北", "荆门", "高新区"), revenue=6.2e5,
         tags=["高新技术企业"]),
    dict(role="B3", segs=["S30"], region=("湖北", "宜昌", "高新区"), revenue=9.0e4,
         tags=["专精特新", "高新技术企业"]),
    # --- cycle participants: cathode maker and battery recycler
    dict(role="C1", segs=["S20"], region=("湖北", "宜昌", "高新区"), revenue=3.5e5,
         tags=["高新技术企业"]),
    dict(role="R1", segs=["S50", "S11"], region=("湖北", "荆门", "高新区"), revenue=2.8e5,
         tags=["高新技术企业"]),
    # --- 湖北 专精特新 sole local providers
    dict(role="CF1", segs=["S24"], region=("湖北", "黄石", "经开区"), revenue=1.2e4,
         tags=["专精特新", "高新技术企业"]),
    dict(role="MCU1", segs=["S35"], region=("湖北", "武汉", "东湖高新区"), revenue=8.5e3,
         tags=["专精特新", "高新技术企业"]),
    dict(role="MAG1", segs=["S14"], region=("湖北", "荆门", "高新区"), revenue=1.5e4,
         tags=["专精特新"]),
    dict(role="GR1", segs=["S12"], region=("湖北", "宜昌", "高新区"), revenue=7.0e3,
         tags=["专精特新"]),
    dict(role="CAM1", segs=["S64"], region=("湖北", "武汉", "东湖高新区"), revenue=6.0e3,
         tags=["专精特新"]),
    dict(role="CHIP1", segs=["S65"], region=("湖北", "武汉", "东湖高新区"), revenue=4.2e3,
         tags=["专精特新", "高新技术企业"]),
    # --- other 湖北 roles
    dict(role="BMS1", segs=["S31"], region=("湖北", "武汉", "东湖高新区"), revenue=3.1e4,
         tags=["高新技术企业"]),
    dict(role="DC1", segs=["S66"], region=("湖北", "武汉", "东湖高新区"), revenue=6.5e4,
         tags=["高新技术企业"]),
    dict(role="CK1", segs=["S67"], region=("湖北", "武汉", "经开区"), revenue=6.5e5,
         tags=["单项冠军", "高新技术企业"]),
    dict(role="MC1", segs=["S32", "S33"], region=("湖北", "襄阳", "高新区"), revenue=1.6e5,
         tags=["高新技术企业"]),
    dict(role="NR1", segs=["S38"], region=("湖北", "武汉", "东西湖区"), revenue=None, tags=[]),
    dict(role="ISO1", segs=["S13"], region=("湖北", "孝感", "高新区"), revenue=3.5e3, tags=[],
         isolated=True),
    # --- national leaders outside 湖北
    dict(role="BG1", segs=["S30"], region=("福建", "宁德", "东侨经开区"), revenue=1.25e7,
         tags=["上市公司", "单项冠军", "高新技术企业"]),
    dict(role="BG2", segs=["S30"], region=("江苏", "常州", "金坛区"), revenue=3.8e6,
         tags=["上市公司", "高新技术企业"]),
    dict(role="VG1", segs=["S40", "S68"], region=("广东", "深圳", "坪山区"), revenue=9.2e6,
         tags=["上市公司", "高新技术企业"]),
    dict(role="VG2", segs=["S40", "S68"], region=("安徽", "合肥", "经开区"), revenue=2.6e6,
         tags=["高新技术企业"]),
    dict(role="ADC1", segs=["S66"], region=("广东", "深圳", "宝安区"), revenue=2.2e6,
         tags=["上市公司", "高新技术企业"]),
    dict(role="ADC2", segs=["S66", "S67"], region=("上海", "上海", "浦东新区"), revenue=1.3e6,
         tags=["高新技术企业", "外资"]),
    # --- single-source suppliers outside 湖北
    dict(role="P1", segs=["S34"], region=("上海", "上海", "临港新片区"), revenue=4.8e5,
         tags=["高新技术企业", "外资"]),
    dict(role="SEP1", segs=["S23"], region=("江苏", "常州", "武进高新区"), revenue=3.2e5,
         tags=["上市公司", "单项冠军", "高新技术企业"]),
    dict(role="L1", segs=["S63"], region=("上海", "上海", "嘉定区"), revenue=1.1e5,
         tags=["高新技术企业"]),
    dict(role="MCUX", segs=["S35"], region=("上海", "上海", "浦东新区"), revenue=6.0e5,
         tags=["上市公司", "高新技术企业", "外资"]),
    # --- copper + copper foil (has a raw self-loop row, dropped at write time)
    dict(role="CU1", segs=["S13", "S24"], region=("江西", "鹰潭", "高新区"), revenue=9.0e5,
         tags=["上市公司"]),
    # --- data-quality cases: unknown region / missing revenue / isolated
    dict(role="U1", segs=["S38"], region=None, revenue=2.4e4, tags=[]),
    dict(role="U2", segs=["S21"], region=None, revenue=None, tags=[]),
    dict(role="NR2", segs=["S37"], region=("江苏", "苏州", "工业园区"), revenue=None, tags=[]),
    dict(role="ISO2", segs=["S10"], region=("青海", "海西", "格尔木工业园"), revenue=2.0e3,
         tags=[], isolated=True),
    dict(role="ISO3", segs=["S37"], region=None, revenue=1.8e3, tags=[], isolated=True),
]

# Suppliers whose every outgoing link is planted (never picked at random).
EXCLUSIVE_SUPPLIERS = ["R1", "MCU1", "CF1"]

# Planted sourcing decisions: (buyer role, input segment) -> supplier tokens.
# A token is a role name, "OUT" (a random supplier outside 湖北) or "LOCAL"
# (a random 湖北 supplier).  These create the single-source, missing-link and
# cycle features; all other sourcing is random (LinkBuilder.choose_hubei /
# choose_other).
PLANTED_SOURCING = {
    # 卡脖子 single sources (exactly one supplier)
    ("V1", "S34"): ["P1"],                    # SiC/IGBT only from 上海
    ("V4", "S30"): ["BG1"],                   # cells only from 福建
    ("B1", "S23"): ["SEP1"],                  # separator only from 江苏
    ("DC1", "S63"): ["L1"],                   # lidar only from 上海
    ("BMS1", "S35"): ["MCU1"],                # MCU only from the local 专精特新 firm
    ("R1", "S30"): ["B1"],                    # recycler takes scrap cells from B1 only
    # batteries for vehicle makers (S30 weak in 湖北)
    ("V1", "S30"): ["B1", "BG1", "BG2"],
    ("V2", "S30"): ["BG1", "BG2", "OUT"],     # 缺失配套: local cells exist, none bought
    ("V3", "S30"): ["B2", "BG1", "OUT"],
    # copper foil (S24): local firm CF1 exists but B1, B2 buy outside only
    ("B1", "S24"): ["CU1", "OUT"],
    ("B2", "S24"): ["OUT", "OUT", "OUT"],
    ("B3", "S24"): ["CF1", "OUT"],
    # cameras (S64): local firm CAM1 exists but DC1 buys outside only
    ("DC1", "S64"): ["OUT", "OUT"],
    # cycle B1 -> R1 -> C1 -> B1
    ("B1", "S20"): ["C1", "LOCAL", "LOCAL", "OUT"],
    # cathode (S20) is one of 湖北's strong, locally matched segments
    ("B2", "S20"): ["LOCAL", "LOCAL", "OUT"],
    ("C1", "S11"): ["R1", "OUT"],
    # 湖北 vehicle makers' MCU: the big outside supplier is always among them
    ("V1", "S35"): ["MCUX", "OUT", "OUT"],
    ("V2", "S35"): ["MCUX", "OUT"],
}

# Probability that a sourcing slot of a 湖北 buyer is filled locally, per
# input segment.  FORCE_LOCAL segments are 湖北's strong, well-matched
# segments: every 湖北 buyer gets at least one local supplier there.
HUBEI_LOCAL_P = {
    "S11": 0.0, "S12": 0.5, "S13": 0.85, "S14": 0.5, "S20": 0.85, "S21": 0.4,
    "S22": 0.5, "S24": 0.0, "S30": 0.4, "S31": 0.35, "S32": 0.85, "S33": 0.2,
    "S35": 0.0, "S36": 0.75, "S37": 0.9, "S38": 0.8, "S39": 0.9, "S64": 0.25,
    "S65": 0.3, "S66": 0.4, "S67": 0.85,
}
FORCE_LOCAL = ["S13", "S20", "S22", "S32", "S36", "S37", "S38", "S39", "S67"]
# When a 湖北 buyer splits its demand over its suppliers, local suppliers of
# the strong segments get a larger share.
HUBEI_LOCAL_BOOST = {s: 3.0 for s in FORCE_LOCAL}

# Raw self-loop rows: (role, segment), and the number of raw duplicate
# (supplier,buyer,segment) rows.  make_link_rows still draws them, so that the
# seeded random stream -- and every value -- stays what it has always been, but
# clean_link_rows removes them again before writing: self-loops are dropped and
# each duplicate is merged back into one row whose value is the exact sum.  The
# bundled dataset therefore loads without warnings; deliberate dirt for the
# loader's repairs lives in datasets/nev-analyst.
SELF_LOOPS = [("MC1", "S33"), ("CU1", "S13")]
N_DUPLICATES = 4
BLANK_SEGMENT_SHARE = 0.15

# ---------------------------------------------------------------------------
# 4. Fictional names
# ---------------------------------------------------------------------------
# Brand syllables chosen to avoid real NEV brands; pairs are additionally
# checked against REAL_BRAND_BLACKLIST.
BRAND_CHARS = list("澜驰睿璟曜骁霖昱翎泓湛烨玮珩嵘峻铖锴钧瀚祺熠晟昶朗弈砺骐沐衍澄"
                   "岳棠芮琨峤珏溯皓楷霁遥翊")
REAL_BRAND_BLACKLIST = ["宁德", "时代", "比亚", "亿纬", "国轩", "欣旺", "蔚来", "理想",
                        "小鹏", "东风", "岚图", "赣锋", "天齐", "格林", "恩捷", "星源",
                        "贝特", "天赐", "宙邦", "嘉元", "斯达", "蜂巢", "孚能", "华为",
                        "地平", "禾赛", "速腾", "德赛", "均胜", "三花", "银轮", "拓普",
                        "汇川", "长城", "吉利", "奇瑞", "江淮", "长安", "上汽", "广汽",
                        "北汽", "零跑", "哪吒", "小米", "华友", "容百", "当升", "杉杉",
                        "瀚川", "晟昶"]

INDUSTRY_WORDS = {
    "S10": ["锂业", "锂矿", "矿业"], "S11": ["钴镍材料", "资源"], "S12": ["石墨", "碳素"],
    "S13": ["有色金属", "铜铝材料", "金属材料"], "S14": ["磁材", "稀土永磁"],
    "S20": ["正极材料", "新能源材料", "锂电材料"], "S21": ["负极材料", "碳材料"],
    "S22": ["电解液", "氟化工"], "S23": ["隔膜", "膜材料"], "S24": ["铜箔", "电子铜箔"],
    "S30": ["动力电池", "电池科技", "储能电池"], "S31": ["电子科技", "电池管理系统"],
    "S32": ["电机", "驱动科技"], "S33": ["电控", "电驱动"], "S34": ["半导体", "功率器件"],
    "S35": ["微电子", "芯片科技"], "S36": ["热管理", "热系统"],
    "S37": ["汽车零部件", "车身部件", "精密冲压"], "S38": ["线束", "连接器"],
    "S39": ["底盘系统", "汽车底盘"], "S40": ["汽车", "新能源汽车"],
    "S41": ["充电科技", "能源科技"], "S50": ["循环科技", "资源再生"],
    "S63": ["激光雷达", "光电"], "S64": ["光学", "视觉科技"], "S65": ["智能芯片", "计算科技"],
    "S66": ["智能驾驶", "智驾科技"], "S67": ["智能座舱", "汽车电子"],
}

TAG_ORDER = ["专精特新", "单项冠军", "高新技术企业", "上市公司", "外资"]
TECH_SEGMENTS = ["S31", "S33", "S34", "S35", "S63", "S64", "S65", "S66", "S67"]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
class Firm:
    def __init__(self, segs, province, city, park, revenue, tags, role=None, isolated=False):
        self.id = ""
        self.name = ""
        self.segs = segs            # list, first = primary
        self.province = province    # "" when region unknown
        self.city = city
        self.park = park
        self.revenue = revenue      # float or None
        self.tags = tags
        self.role = role
        self.isolated = isolated

    @property
    def region(self):
        return f"{self.province}/{self.city}/{self.park}" if self.province else ""

    @property
    def rev(self):
        """Revenue used for sizing flows (a small default when unknown)."""
        return self.revenue if self.revenue is not None else 5.0e3


def log_uniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def weighted_choice(rng, weights_by_key):
    keys = list(weights_by_key)
    return rng.choices(keys, weights=[weights_by_key[k] for k in keys], k=1)[0]


def weighted_sample(rng, items, weights, k):
    """k distinct items, probability proportional to weight (no replacement)."""
    items, weights = list(items), list(weights)
    chosen = []
    while items and len(chosen) < k:
        i = rng.choices(range(len(items)), weights=weights, k=1)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def fmt_num(x):
    return f"{x:.1f}"


# ---------------------------------------------------------------------------
# 5. Firms
# ---------------------------------------------------------------------------
def pick_park(rng, province, seg):
    parks = PARKS[province]
    if province == FOCAL and seg in HUBEI_PARK_PREF:
        prefs = HUBEI_PARK_PREF[seg]
        pref_parks = [p for p in parks if p[0] in prefs or f"{p[0]}/{p[1]}" in prefs]
        if pref_parks and rng.random() < 0.85:
            return rng.choice(pref_parks)
    return rng.choice(parks)


def random_tags(rng, firm):
    rev = firm.rev
    seg = firm.segs[0]
    tags = []
    if rev < 2.0e5 and rng.random() < 0.15:
        tags.append("专精特新")
    if 1.0e5 <= rev and rng.random() < 0.04:
        tags.append("单项冠军")
    if rng.random() < (0.7 if seg in TECH_SEGMENTS else 0.4):
        tags.append("高新技术企业")
    p_listed = 0.8 if rev >= 1.0e6 else (0.3 if rev >= 3.0e5 else 0.02)
    if rng.random() < p_listed:
        tags.append("上市公司")
    if rng.random() < (0.12 if firm.province in ("上海", "江苏") else 0.03):
        tags.append("外资")
    return tags


def make_planted_firms():
    firms = []
    for spec in PLANTED_FIRMS:
        province, city, park = spec["region"] if spec["region"] else ("", "", "")
        firms.append(Firm(list(spec["segs"]), province, city, park, spec["revenue"],
                          list(spec["tags"]), role=spec["role"],
                          isolated=spec.get("isolated", False)))
    return firms


def make_generic_firms(rng):
    firms = []
    for seg, (n_hubei, n_other, provinces, tiers) in GENERIC_PLAN.items():
        for i in range(n_hubei + n_other):
            province = FOCAL if i < n_hubei else rng.choice(provinces)
            city, park = pick_park(rng, province, seg)
            if province == FOCAL and seg in HUBEI_TIERS:
                tier = weighted_choice(rng, HUBEI_TIERS[seg])
            else:
                tier = weighted_choice(rng, tiers)
            if province == FOCAL and tier == "giant":
                tier = "large"
            revenue = log_uniform(rng, *TIERS[tier])
            firm = Firm([seg], province, city, park, revenue, [])
            firm.tags = random_tags(rng, firm)
            firms.append(firm)
    # secondary segments
    for primary, hubei, secondary, count in GENERIC_SECONDARY:
        pool = [f for f in firms if f.segs == [primary] and (f.province == FOCAL) == hubei]
        for f in rng.sample(pool, count):
            f.segs.append(secondary)
    return firms


def assign_names(rng, firms):
    used = []
    for f in firms:
        while True:
            a, b = rng.sample(BRAND_CHARS, 2)
            brand = a + b
            if brand in REAL_BRAND_BLACKLIST:
                continue
            city = f.city  # unknown-region firms get no city prefix
            word = rng.choice(INDUSTRY_WORDS[f.segs[0]])
            suffix = "股份有限公司" if "上市公司" in f.tags else "有限公司"
            name = f"{city}{brand}{word}{suffix}"
            if name not in used:
                used.append(name)
                f.name = name
                break


def assign_ids(firms):
    """Sort by province (湖北 first, unknown last), park (PARKS order),
    primary segment, name; then number F0001, F0002, ..."""
    def key(f):
        if not f.province:
            return (len(PROVINCE_ORDER), 0, f.segs[0], f.name)
        return (PROVINCE_ORDER.index(f.province), PARKS[f.province].index((f.city, f.park)),
                f.segs[0], f.name)
    firms.sort(key=key)
    for i, f in enumerate(firms, start=1):
        f.id = f"F{i:04d}"


def make_firms(rng):
    firms = make_planted_firms() + make_generic_firms(rng)
    assign_names(rng, firms)
    assign_ids(firms)
    for f in firms:
        f.tags = [t for t in TAG_ORDER if t in f.tags]
    return firms


# ---------------------------------------------------------------------------
# 6. Supply links
# ---------------------------------------------------------------------------
def needed_inputs(firm):
    """[(input segment, spend share)] over all of the firm's segments."""
    out = {}
    for seg in firm.segs:
        for inp, share in SEG_INPUTS[seg]:
            out[inp] = out.get(inp, 0.0) + share
    return list(out.items())


def k_suppliers(rng, firm):
    rev = firm.rev
    if rev >= 1.0e6:
        return rng.randint(3, 6)
    if rev >= 1.0e5:
        return rng.randint(2, 4)
    if rev >= 1.0e4:
        return rng.randint(1, 3)
    return rng.randint(1, 2)


def supplier_weight(f):
    return math.sqrt(f.rev)


class LinkBuilder:
    def __init__(self, rng, firms):
        self.rng = rng
        self.firms = firms
        self.by_role = {f.role: f for f in firms if f.role}
        exclusive = [self.by_role[r] for r in EXCLUSIVE_SUPPLIERS]
        # candidate suppliers per segment (any of their segments), random pool
        self.pool = {}
        for f in firms:
            if f.isolated or f in exclusive:
                continue
            for s in f.segs:
                self.pool.setdefault(s, []).append(f)
        # ordered (supplier, buyer, segment) -> value; structure first
        self.links = {}

    def add(self, supplier, buyer, seg):
        key = (supplier.id, buyer.id, seg)
        if supplier is not buyer and key not in self.links:
            self.links[key] = None

    # -- sourcing for one (buyer, input) --------------------------------------
    def choose_planted(self, buyer, inp, tokens):
        chosen = []
        for tok in tokens:
            cands = [f for f in self.pool.get(inp, []) if f is not buyer and f not in chosen]
            if tok == "OUT":
                cands = [f for f in cands if f.province != FOCAL]
            elif tok == "LOCAL":
                cands = [f for f in cands if f.province == FOCAL]
            else:
                chosen.append(self.by_role[tok])
                continue
            chosen += weighted_sample(self.rng, cands, [supplier_weight(f) for f in cands], 1)
        return chosen

    def choose_hubei(self, buyer, inp):
        cands = [f for f in self.pool.get(inp, []) if f is not buyer]
        local = [f for f in cands if f.province == FOCAL]
        remote = [f for f in cands if f.province != FOCAL]
        k = max(2, k_suppliers(self.rng, buyer))   # 湖北 buyers multi-source unless planted
        p = HUBEI_LOCAL_P.get(inp, 0.0)
        n_local = sum(1 for _ in range(k) if self.rng.random() < p)
        if inp in FORCE_LOCAL:
            n_local = max(1, n_local)
        n_local = min(n_local, len(local))
        n_remote = min(k - n_local, len(remote))
        if n_local + n_remote < 2:  # top up from whichever side has firms left
            n_local = min(len(local), 2 - n_remote)
        chosen = weighted_sample(self.rng, local, [supplier_weight(f) for f in local], n_local)
        chosen += weighted_sample(self.rng, remote, [supplier_weight(f) for f in remote], n_remote)
        return chosen

    def choose_other(self, buyer, inp):
        cands = [f for f in self.pool.get(inp, []) if f is not buyer]
        k = k_suppliers(self.rng, buyer)
        same = [f for f in cands if f.province and f.province == buyer.province]
        chosen = []
        for _ in range(k):
            use_same = same and self.rng.random() < 0.35
            base = same if use_same else cands
            base = [f for f in base if f not in chosen]
            if not base:
                base = [f for f in cands if f not in chosen]
            if not base:
                break
            chosen += weighted_sample(self.rng, base, [supplier_weight(f) for f in base], 1)
        return chosen

    def build_structure(self):
        for buyer in self.firms:
            if buyer.isolated:
                continue
            for inp, _share in needed_inputs(buyer):
                tokens = PLANTED_SOURCING.get((buyer.role, inp)) if buyer.role else None
                if tokens is not None:
                    chosen = self.choose_planted(buyer, inp, tokens)
                elif buyer.province == FOCAL:
                    chosen = self.choose_hubei(buyer, inp)
                else:
                    chosen = self.choose_other(buyer, inp)
                for s in chosen:
                    self.add(s, buyer, inp)
        self.connect_orphans()

    def connect_orphans(self):
        """Give every non-exclusive supplier at least one buyer per segment it
        could sell.  Orphans only sell to buyers OUTSIDE 湖北, so the planned
        sourcing of 湖北 buyers (single sources, missing links) is untouched."""
        sold = {}
        for (s, _b, seg) in self.links:
            sold[(s, seg)] = True
        for sup in self.firms:
            if sup.isolated or sup.role in EXCLUSIVE_SUPPLIERS:
                continue
            for seg in sup.segs:
                if (sup.id, seg) in sold:
                    continue
                buyers = [b for b in self.firms
                          if not b.isolated and b is not sup and b.province != FOCAL
                          and b.role not in EXCLUSIVE_SUPPLIERS
                          and any(inp == seg for inp, _ in needed_inputs(b))]
                if not buyers:
                    continue  # nobody consumes this segment (e.g. 整车, 充电桩)
                n = self.rng.randint(1, 2)
                for b in weighted_sample(self.rng, buyers, [math.sqrt(b.rev) for b in buyers], n):
                    self.add(sup, b, seg)

    # -- values -----------------------------------------------------------------
    def assign_values(self):
        by_id = {f.id: f for f in self.firms}
        # demand side: buyer revenue x spend share, split over its suppliers
        groups = {}
        for key in self.links:
            s, b, seg = key
            groups.setdefault((b, seg), []).append(key)
        for (b, seg), keys in groups.items():
            buyer = by_id[b]
            share = dict(needed_inputs(buyer))[seg]
            total = buyer.rev * share * self.rng.uniform(0.7, 1.3)
            w = [supplier_weight(by_id[k[0]]) * self.rng.uniform(0.5, 1.5) for k in keys]
            if buyer.province == FOCAL:
                boost = HUBEI_LOCAL_BOOST.get(seg, 1.0)
                w = [wi * (boost if by_id[k[0]].province == FOCAL else 1.0)
                     for k, wi in zip(keys, w)]
            for key, wi in zip(keys, w):
                self.links[key] = total * wi / sum(w)
        # supply side: a supplier cannot sell more than ~85% of its revenue
        sales = {}
        for (s, _b, _seg), v in self.links.items():
            sales[s] = sales.get(s, 0.0) + v
        for key in self.links:
            s = key[0]
            cap = 0.85 * by_id[s].rev
            if sales[s] > cap:
                self.links[key] *= cap / sales[s]
        for key in self.links:
            self.links[key] = max(1.0, round(self.links[key], 1))


def make_link_rows(rng, firms):
    lb = LinkBuilder(rng, firms)
    lb.build_structure()
    lb.assign_values()
    by_id = {f.id: f for f in firms}
    rows = [[s, b, v, seg] for (s, b, seg), v in lb.links.items()]

    # blank the segment on ~15% of rows (only where it equals the supplier's
    # primary segment, so the default resolves to the same segment)
    eligible = [i for i, r in enumerate(rows) if by_id[r[0]].segs[0] == r[3]]
    n_blank = round(BLANK_SEGMENT_SHARE * (len(rows) + N_DUPLICATES + len(SELF_LOOPS)))
    for i in rng.sample(eligible, n_blank):
        rows[i][3] = ""

    # raw duplicates: split an existing row's value into two rows (merged again
    # by clean_link_rows)
    dup_src = rng.sample([i for i, r in enumerate(rows) if r[2] >= 20.0], N_DUPLICATES)
    dup_rows = []
    for i in dup_src:
        total = rows[i][2]
        part = round(total * rng.uniform(0.3, 0.7), 1)
        rows[i][2] = round(total - part, 1)
        dup_rows.append([rows[i][0], rows[i][1], part, rows[i][3]])

    # raw self-loops (dropped by clean_link_rows)
    by_role = {f.role: f for f in firms if f.role}
    loops = [[by_role[r].id, by_role[r].id, round(by_role[r].rev * 0.02, 1), seg]
             for r, seg in SELF_LOOPS]

    rows = rows + dup_rows + loops
    rows.sort(key=lambda r: (r[0], r[1], r[3]))
    return rows


# ---------------------------------------------------------------------------
# 7. Output
# ---------------------------------------------------------------------------
def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def segment_rows():
    return [[sid, name, chain, parent, stage, ";".join(i for i, _ in inputs)]
            for sid, name, chain, parent, stage, inputs in SEGMENTS]


def firm_rows(firms):
    return [[f.id, f.name, f.region, ";".join(f.segs),
             "" if f.revenue is None else fmt_num(f.revenue), ";".join(f.tags)]
            for f in firms]


def tenths(x):
    """A 1-decimal value as an exact integer number of tenths."""
    return int(round(x * 10))


def clean_link_rows(rows, firms):
    """The rows as they are written: self-loops dropped, and rows with the same
    (supplier, buyer, segment) -- an empty segment meaning the supplier's primary
    segment -- merged into the first of them by summing their values.

    The sum is taken in exact tenths and then rounded like every other value
    (max(1.0, round(v, 1))), so each merged value is the 1-decimal number the
    loader gets by summing the parallel rows: the merged graph, and every
    analysis of it, is what it would be with the raw rows.  The deliberate dirt
    (duplicates, self-loops) lives in datasets/nev-analyst, not here."""
    by_id = {f.id: f for f in firms}
    merged = {}
    for s, b, v, seg in rows:
        if s == b:
            continue
        key = (s, b, seg or by_id[s].segs[0])
        if key in merged:
            merged[key][2] += tenths(v)
        else:
            merged[key] = [s, b, tenths(v), seg]
    out = []
    for s, b, t, seg in merged.values():
        value = max(1.0, round(t / 10, 1))
        assert tenths(value) == t, (s, b, seg, t)
        out.append([s, b, value, seg])
    out.sort(key=lambda r: (r[0], r[1], r[3]))
    return out


# ---------------------------------------------------------------------------
# 8. The second year (datasets/nev-2025)
# ---------------------------------------------------------------------------
# "2025" is the same chains one year later, for the yearly cycle (链主一年一评,
# 短板/长板 dynamic table; `chaingraph diff --before datasets/nev --after
# datasets/nev-2025 --local 湖北`).  It is derived from the first year in
# memory (the first year is regenerated, not read back) with a second seeded
# random.Random(SEED_2025), applying the story tables below in this order:
#   1. drift     every known revenue and every link value x U(1-DRIFT, 1+DRIFT);
#   2. growth    GROWTH_2025 scales a firm's revenue and all its purchases;
#   3. closures  CLOSED_2025 firms disappear with all their links; each buyer's
#                lost purchases go to its remaining suppliers of that segment;
#   4. moves     MOVED_AWAY leaves 湖北 (keeps its links); ATTRACTED moves into
#                湖北 and takes ATTRACTED_SHARE of every 湖北 buyer's purchases
#                of its segment from the buyer's other suppliers;
#   5. entrants  NEW_FIRMS_2025 get ids after the last first-year id, buy their
#                inputs like first-year firms do and win a share of a few
#                buyers' purchases of their segment;
#   6. capacity  a supplier sells at most 85% of its revenue (as in year one).
# Segments are unchanged.  Like the first year, links.csv has no self-loops
# and no duplicate (supplier, buyer, segment) rows.
SEED_2025 = 20250607
OUT_DIR_2025 = REPO_ROOT / "datasets" / "nev-2025"
DRIFT = 0.10

# 链主 story: V2 (F0022, 外资) loses half of its sales in the price war, V3
# (F0050) grows by 30%: V3 overtakes V2 as the no. 2 chain leader in 湖北.
# A consequence: V2 bought its body parts (S37) in 湖北, so 湖北's S37 makers
# now sell more outside 湖北 than inside, with the new 武汉 die-casting plant
# (F0336) selling mostly to vehicle makers elsewhere: S37 becomes a 长板
# (a strong_segment row opens).
GROWTH_2025 = {"F0022": 0.50, "F0050": 1.30}

# 招商 success: S10 锂矿 is 湖北's largest missing segment (空白环节) in the
# first year; its top 招商 candidate F0329 (青海 lithium producer) moves into
# 湖北 with a new plant (revenue +40%) and supplies every 湖北 buyer of S10.
ATTRACTED = "F0329"
ATTRACTED_REGION = ("湖北", "宜昌", "高新区")
ATTRACTED_GROWTH = 1.40
ATTRACTED_SHARE = (0.55, 0.70)

# Supplier moves away: the 武汉 harness maker F0014 (S38, 专精特新) is the only
# local S38 supplier of the 黄石 charger maker F0080; it moves to 上海 (near its
# largest outside customer) and keeps its customers, so F0080 now imports all
# its harnesses (a missing_link opens; other 湖北 harness makers are its
# matchmaking candidates).
MOVED_AWAY = "F0014"
MOVED_AWAY_REGION = ("上海", "上海", "嘉定区")

# Firms that close or vanish from the registry: three in 湖北 (two small parts
# makers and the isolated copper firm F0081) and three elsewhere.  Chosen so
# that every buyer keeps at least two suppliers (and a 湖北 buyer a local one)
# of the segment: a closure opens no gap by itself.
CLOSED_2025 = ["F0018", "F0055", "F0081", "F0173", "F0310", "F0316"]

# New firms (ids F0336, F0337, ... in this order).
NEW_FIRMS_2025 = [
    dict(segs=["S37"], region=("湖北", "武汉", "经开区"), tier="large"),    # 一体化压铸 plant
    dict(segs=["S36"], region=("湖北", "襄阳", "高新区"), tier="mid"),
    dict(segs=["S21"], region=("湖北", "宜昌", "高新区"), tier="mid"),
    dict(segs=["S30"], region=("四川", "宜宾", "三江新区"), tier="large"),
    dict(segs=["S63"], region=("江苏", "苏州", "工业园区"), tier="mid"),
    dict(segs=["S41"], region=("广东", "深圳", "宝安区"), tier="mid"),
    dict(segs=["S34"], region=("浙江", "杭州", "钱塘区"), tier="mid"),     # SiC devices
]


def is_local(f):
    return f.province == FOCAL


def copy_firm(f):
    g = Firm(list(f.segs), f.province, f.city, f.park, f.revenue, list(f.tags),
             role=f.role, isolated=f.isolated)
    g.id, g.name = f.id, f.name
    return g


def relocate(f, region):
    """Move f; its name's city prefix follows the new registration city."""
    province, city, park = region
    if f.city and f.name.startswith(f.city):
        f.name = city + f.name[len(f.city):]
    f.province, f.city, f.park = province, city, park


class SecondYear:
    def __init__(self, rng, firms, rows):
        self.rng = rng
        self.firms = [copy_firm(f) for f in firms]
        self.by_id = {f.id: f for f in self.firms}
        self.next_number = 1 + max(int(f.id[1:]) for f in self.firms)
        self.exclusive = [f.id for f in self.firms if f.role in EXCLUSIVE_SUPPLIERS]
        # (supplier, buyer, segment) -> [value, segment cell as written]
        self.links = {}
        for s, b, v, cell in rows:
            self.links[(s, b, cell or self.by_id[s].segs[0])] = [v, cell]

    # -- helpers ------------------------------------------------------------------
    def in_keys(self, buyer_id, seg):
        return [k for k in self.links if k[1] == buyer_id and k[2] == seg]

    def cell(self, supplier, seg):
        """Segment cell of a new row: blank on ~15% of rows where allowed."""
        if seg == supplier.segs[0] and self.rng.random() < BLANK_SEGMENT_SHARE:
            return ""
        return seg

    def add(self, supplier, buyer, seg, value):
        assert supplier is not buyer
        key = (supplier.id, buyer.id, seg)
        if key in self.links:
            self.links[key][0] += value
        else:
            self.links[key] = [value, self.cell(supplier, seg)]

    def take_share(self, supplier, buyer, seg, share):
        """supplier gets `share` of buyer's purchases of seg; the buyer's other
        suppliers of seg shrink proportionally (its input total is unchanged)."""
        keys = [k for k in self.in_keys(buyer.id, seg) if k[0] != supplier.id]
        rest = sum(self.links[k][0] for k in keys)
        if rest <= 0:
            return
        total = rest + sum(self.links[k][0] for k in self.in_keys(buyer.id, seg)
                           if k[0] == supplier.id)
        target = share * total
        for k in keys:
            self.links[k][0] *= (total - target) / rest
        key = (supplier.id, buyer.id, seg)
        if key in self.links:
            self.links[key][0] = target
        else:
            self.links[key] = [target, self.cell(supplier, seg)]

    # -- steps ----------------------------------------------------------------------
    def drift(self):
        for f in self.firms:
            if f.revenue is not None:
                f.revenue *= self.rng.uniform(1 - DRIFT, 1 + DRIFT)
        for key in self.links:
            self.links[key][0] *= self.rng.uniform(1 - DRIFT, 1 + DRIFT)

    def grow(self):
        for fid, g in GROWTH_2025.items():
            self.by_id[fid].revenue *= g
            for key in self.links:
                if key[1] == fid:
                    self.links[key][0] *= g

    def close(self):
        for fid in CLOSED_2025:
            gone = self.by_id.pop(fid)
            self.firms.remove(gone)
            for key in [k for k in self.links if fid in (k[0], k[1])]:
                value = self.links.pop(key)[0]
                _s, b, seg = key
                if key[0] != fid or b not in self.by_id:
                    continue
                others = self.in_keys(b, seg)
                assert len(others) >= 2, f"closing {fid} leaves {b} with <2 {seg} suppliers"
                if is_local(self.by_id[b]):
                    assert any(is_local(self.by_id[k[0]]) for k in others), (fid, b, seg)
                rest = sum(self.links[k][0] for k in others)
                for k in others:
                    self.links[k][0] += value * self.links[k][0] / rest

    def move(self):
        away = self.by_id[MOVED_AWAY]
        assert is_local(away)
        # it must be some 湖北 buyer's only local supplier of a segment that
        # other 湖北 firms still offer (so the move opens a missing_link)
        assert any(
            k[0] == MOVED_AWAY and is_local(self.by_id[k[1]])
            and [is_local(self.by_id[j[0]]) for j in self.in_keys(k[1], k[2])].count(True) == 1
            and any(is_local(g) and g is not away and k[2] in g.segs for g in self.firms)
            for k in self.links), f"{MOVED_AWAY} is nobody's only local supplier"
        relocate(away, MOVED_AWAY_REGION)

        f = self.by_id[ATTRACTED]
        seg = f.segs[0]
        assert not is_local(f)
        assert not any(is_local(g) and seg in g.segs for g in self.firms), \
            f"{seg} must be a missing segment of {FOCAL} in the first year"
        relocate(f, ATTRACTED_REGION)
        f.revenue *= ATTRACTED_GROWTH
        for b in self.firms:
            if is_local(b) and not b.isolated and seg in dict(needed_inputs(b)):
                self.take_share(f, b, seg, self.rng.uniform(*ATTRACTED_SHARE))

    def new_firm(self, spec, number):
        province, city, park = spec["region"]
        f = Firm(list(spec["segs"]), province, city, park,
                 log_uniform(self.rng, *TIERS[spec["tier"]]), [])
        f.tags = [t for t in TAG_ORDER if t in random_tags(self.rng, f)]
        used = [g.name for g in self.firms]
        while True:
            a, b = self.rng.sample(BRAND_CHARS, 2)
            if a + b in REAL_BRAND_BLACKLIST:
                continue
            word = self.rng.choice(INDUSTRY_WORDS[f.segs[0]])
            suffix = "股份有限公司" if "上市公司" in f.tags else "有限公司"
            name = f"{city}{a}{b}{word}{suffix}"
            if name not in used:
                f.name = name
                break
        f.id = f"F{number:04d}"
        return f

    def source(self, buyer):
        """The entrant's purchases, sourced like the first year's firms."""
        rng = self.rng
        for inp, share in needed_inputs(buyer):
            cands = [f for f in self.firms
                     if f is not buyer and not f.isolated and f.province
                     and f.id not in self.exclusive and inp in f.segs]
            if is_local(buyer):
                local = [f for f in cands if is_local(f)]
                remote = [f for f in cands if not is_local(f)]
                k = max(2, k_suppliers(rng, buyer))
                p = HUBEI_LOCAL_P.get(inp, 0.0)
                n_local = sum(1 for _ in range(k) if rng.random() < p)
                if local:                       # no new missing_link for an entrant
                    n_local = max(1, n_local)
                n_local = min(n_local, len(local))
                n_remote = min(k - n_local, len(remote))
                if n_local + n_remote < 2:
                    n_local = min(len(local), 2 - n_remote)
                chosen = weighted_sample(rng, local, [supplier_weight(f) for f in local], n_local)
                chosen += weighted_sample(rng, remote, [supplier_weight(f) for f in remote],
                                          n_remote)
            else:
                k = k_suppliers(rng, buyer)
                chosen = weighted_sample(rng, cands, [supplier_weight(f) for f in cands], k)
            total = buyer.rev * share * rng.uniform(0.7, 1.3)
            w = [supplier_weight(s) * rng.uniform(0.5, 1.5) for s in chosen]
            if is_local(buyer):
                boost = HUBEI_LOCAL_BOOST.get(inp, 1.0)
                w = [wi * (boost if is_local(s) else 1.0) for s, wi in zip(chosen, w)]
            for s, wi in zip(chosen, w):
                self.add(s, buyer, inp, total * wi / sum(w))

    def sell(self, supplier):
        """The entrant wins 10-25% of a few buyers' purchases of its segment.
        A 湖北 entrant sells to 湖北 buyers that already buy the segment
        locally from at least two suppliers (so no gap row closes by accident)
        and to buyers elsewhere; an entrant elsewhere sells only elsewhere."""
        seg = supplier.segs[0]
        buyers = []
        for b in self.firms:
            if b is supplier or b.isolated or seg not in dict(needed_inputs(b)):
                continue
            keys = self.in_keys(b.id, seg)
            if not keys:
                continue
            if is_local(b):
                if not is_local(supplier) or len(keys) < 2 or \
                        not any(is_local(self.by_id[k[0]]) for k in keys):
                    continue
            buyers.append(b)
        n = self.rng.randint(2, 4)
        for b in weighted_sample(self.rng, buyers, [math.sqrt(b.rev) for b in buyers], n):
            self.take_share(supplier, b, seg, self.rng.uniform(0.10, 0.25))

    def enter(self):
        number = self.next_number       # ids of closed firms are never reused
        for spec in NEW_FIRMS_2025:
            f = self.new_firm(spec, number)
            number += 1
            self.firms.append(f)
            self.by_id[f.id] = f
            self.source(f)
            self.sell(f)

    def cap(self):
        sales = {}
        for (s, _b, _seg), (v, _cell) in self.links.items():
            sales[s] = sales.get(s, 0.0) + v
        for key in self.links:
            cap = 0.85 * self.by_id[key[0]].rev
            if sales[key[0]] > cap:
                self.links[key][0] *= cap / sales[key[0]]

    def build(self):
        self.drift()
        self.grow()
        self.close()
        self.move()
        self.enter()
        self.cap()
        rows = [[s, b, max(1.0, round(v, 1)), cell]
                for (s, b, _seg), (v, cell) in self.links.items()]
        rows.sort(key=lambda r: (r[0], r[1], r[3]))
        return self.firms, rows


def write_dataset(out_dir, firms, links):
    write_csv(out_dir / "segments.csv", ["id", "name", "chain", "parent", "stage", "inputs"],
              segment_rows())
    write_csv(out_dir / "firms.csv", ["id", "name", "region", "segment", "revenue", "tags"],
              firm_rows(firms))
    write_csv(out_dir / "links.csv", ["supplier", "buyer", "value", "segment"],
              [[s, b, fmt_num(v), seg] for s, b, v, seg in links])
    print(f"wrote {len(SEGMENTS)} segments, {len(firms)} firms, {len(links)} link rows "
          f"to {out_dir.relative_to(REPO_ROOT)}", file=sys.stderr)


def first_year():
    rng = random.Random(SEED)
    firms = make_firms(rng)
    return firms, clean_link_rows(make_link_rows(rng, firms), firms)


def second_year():
    firms, links = first_year()
    return SecondYear(random.Random(SEED_2025), firms, links).build()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", choices=["2024", "2025"], default="2024",
                        help="2024 (default): datasets/nev; 2025: datasets/nev-2025, "
                             "the second year derived from the first")
    args = parser.parse_args(argv)
    if args.year == "2025":
        firms, links = second_year()
        write_dataset(OUT_DIR_2025, firms, links)
        return
    firms, links = first_year()
    write_dataset(OUT_DIR, firms, links)
    for f in firms:
        if f.role:
            print(f"  {f.role:5s} {f.id} {f.region or '(unknown)'} {';'.join(f.segs)} {f.name}",
                  file=sys.stderr)


if __name__ == "__main__":
    main()
