import ChainGraph

/// The chain map page (SPEC §7): one self-contained HTML document, hand-written JS and SVG,
/// no external resource of any kind (the server's content security policy forbids them). It
/// reads everything through the JSON API, builds the DOM with `textContent` only (data never
/// becomes markup), and speaks Chinese with English on a click.
///
/// Elements the browser test drives: `#region` (region switcher), `#tree` (the chain trees;
/// each segment a `g.seg[data-id]`), `#panel` (segment or firm view), `#q` and `#results`
/// (search), `#leaders` (ranking), `#lang` (language), `#status` (`ready` once loaded).
enum ChainMapPage {
    /// The page, with the dataset name and default region in `data-` attributes.
    static func html(datasetName: String, region: RegionPath) -> String {
        let head = "<body data-region=\"\(TextEscaping.xml(region.description))\" data-dataset=\"\(TextEscaping.xml(datasetName))\">"
        return document.replacing("<body>", with: head)
    }

    static let document = #"""
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ChainGraph 产业链图谱</title>
<link rel="icon" href="data:,">
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#212121;background:#fafafa}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;background:#1565c0;color:#fff}
header h1{font-size:18px;margin:0 12px 0 0}header select,header input,header button{font:inherit;padding:3px 6px}
header .ds{font-size:12px;opacity:.85}
main{display:grid;grid-template-columns:minmax(420px,1fr) minmax(380px,1fr);gap:16px;padding:16px}
section{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:12px;overflow:auto}
h2{font-size:16px;margin:4px 0 10px}h3{font-size:14px;margin:14px 0 6px}
.legend span{margin-right:12px;font-size:12px;white-space:nowrap}.legend i{display:inline-block;width:11px;height:11px;border-radius:3px;margin-right:4px;vertical-align:-1px}
svg text.n{font-size:12px;fill:#212121}svg text.i{font-size:10px;fill:#616161}g.seg{cursor:pointer}g.seg:hover rect,g.seg.sel rect{stroke-width:2.6}
table{border-collapse:collapse;font-size:12px;width:100%}th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
a.firm{color:#1565c0;cursor:pointer;text-decoration:underline}.yes{color:#2e7d32}.no{color:#c62828}.muted{color:#757575;font-size:12px}
.dl{font-size:12px;margin:4px 0}.dl a{margin-right:10px}.err{color:#b71c1c}#results{max-height:220px;overflow:auto}
.pos{color:#2e7d32}.kpi{font-size:22px;font-weight:600}
</style>
</head>
<body>
<header>
  <h1 data-t="title">产业链图谱</h1>
  <label><span data-t="region">地区</span> <select id="region"></select></label>
  <label><span data-t="search">搜索企业</span> <input id="q" type="search" size="18" autocomplete="off"></label>
  <button id="lang" type="button">English</button>
  <span class="ds" id="dataset"></span>
  <span class="ds" id="status">loading</span>
</header>
<main>
  <section>
    <h2 data-t="tree">产业链树状图</h2>
    <p class="legend" id="legend"></p>
    <div id="coverage" class="muted"></div>
    <div id="tree"></div>
  </section>
  <section>
    <div id="results"></div>
    <div id="panel"><p class="muted" data-t="hint">点击一个环节查看企业、配套率、缺口和招商对象；搜索企业查看其供应商和客户。</p></div>
    <h2 data-t="leaders">链主企业排名</h2>
    <div id="leaders"></div>
  </section>
</main>
<script>
"use strict";
const T = {
  zh: {title:"产业链图谱",region:"地区",search:"搜索企业",tree:"产业链树状图",leaders:"链主企业排名",lang:"English",
       hint:"点击一个环节查看企业、配套率、缺口和招商对象；搜索企业查看其供应商和客户。",segment:"环节",firms:"企业",
       localRate:"本地配套率",gaps:"缺口",candidates:"招商/对接对象（模拟引进后 Δ本地配套率）",none:"无",local:"本地",
       suppliers:"供应商",buyers:"客户",leaderScore:"链主评分",download:"下载",noResults:"没有匹配的企业",coverage:"环节覆盖率",
       share:"本地占比",localFirms:"本地企业",whatif:"模拟引进",firm:"企业",chain:"产业链",rank:"排名",score:"评分",
       leaderFlag:"链主",specialist:"专精特新",value:"金额",role:"关系",name:"名称",type:"类型",delta:"Δ本地配套率",
       before:"引进前",after:"引进后",capacity:"产能",rateOf:"配套率",yes:"是",no:"否",region2:"地区",revenue:"营收",sales:"销售额",
       supplier:"供应商",buyer:"客户",error:"出错",buyersOf:"以本环节为主业的本地企业采购",noBuyers:"本地没有以本环节为主业的采购企业"},
  en: {title:"Industrial chain map",region:"Region",search:"Search firm",tree:"Chain tree",leaders:"Chain leader ranking",lang:"中文",
       hint:"Click a segment for its firms, local rate, gaps and candidates; search a firm for its suppliers and buyers.",segment:"Segment",firms:"Firms",
       localRate:"Local supporting rate",gaps:"Gaps",candidates:"Candidates to attract or match (Δ local rate if attracted)",none:"none",local:"local",
       suppliers:"Suppliers",buyers:"Buyers",leaderScore:"Leader score",download:"Download",noResults:"No matching firm",coverage:"Coverage",
       share:"local share",localFirms:"local firms",whatif:"What-if",firm:"Firm",chain:"Chain",rank:"Rank",score:"Score",
       leaderFlag:"Leader",specialist:"Specialist",value:"Value",role:"Role",name:"Name",type:"Type",delta:"Δ local rate",
       before:"Before",after:"After",capacity:"Capacity",rateOf:"rate",yes:"yes",no:"no",region2:"Region",revenue:"Revenue",sales:"Sales",
       supplier:"supplier",buyer:"buyer",error:"Error",buyersOf:"purchases of local firms whose primary segment this is",noBuyers:"no local buyer has this primary segment"}
};
const GAP = {missing_segment:["空白环节","missing segment"],missing_link:["缺失配套","missing local supplier"],
  weak_segment:["短板","weak segment"],single_source:["卡脖子","single source"],strong_segment:["长板","strong segment"]};
let lang = "zh", region = document.body.dataset.region, tree = null, view = null;
const $ = id => document.getElementById(id);
const t = k => T[lang][k] || k;
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v); }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
const pct = v => v === null || v === undefined ? "–" : (v * 100).toFixed(1) + "%";
const num = v => v === null || v === undefined ? "–" : Number(v).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", {maximumFractionDigits: 2});
function q(params) { return Object.entries(params).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&"); }
async function api(path, params) {
  const url = "/api/" + path + (params ? "?" + q(params) : "");
  const r = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.status);
  return body;
}
function downloads(path, params) {
  return el("div", {class: "dl"}, t("download") + ": ",
    el("a", {href: "/api/" + path + "?" + q({...params, format: "csv"}), download: ""}, "CSV"),
    el("a", {href: "/api/" + path + "?" + q(params), target: "_blank"}, "JSON"));
}
function firmLink(id, name) { return el("a", {class: "firm", "data-firm": id, onclick: () => guarded(() => showFirm(id))}, name ? name + " (" + id + ")" : id); }
function table(cols, rows) {
  const tb = el("table", {}, el("tr", {}, ...cols.map(c => el("th", {}, c[0]))));
  for (const r of rows) tb.append(el("tr", {}, ...cols.map(c => { const v = c[1](r); return el("td", {class: typeof v === "number" ? "num" : ""}, v); })));
  return tb;
}
const flag = b => el("span", {class: b ? "yes" : "no"}, b ? t("yes") : t("no"));

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  $("lang").textContent = t("lang");
  drawTree(); renderView(); loadLeaders();
}

async function loadRegions() {
  const rows = await api("regions");
  const sel = $("region"); sel.textContent = "";
  for (const r of rows) sel.append(el("option", {value: r.region}, "\u00a0".repeat((r.level - 1) * 3) + r.region.split("/").pop() + " (" + r.firms + ")"));
  if (!rows.some(r => r.region === region)) sel.append(el("option", {value: region}, region));
  sel.value = region;
}

async function loadTree() {
  tree = await api("tree", {local: region});
  drawTree();
}
function drawTree() {
  if (!tree) return;
  const legend = $("legend"); legend.textContent = "";
  for (const s of tree.statuses) { const i = el("i"); i.style.background = s.fill; i.style.border = "1px solid " + s.stroke; legend.append(el("span", {}, i, lang === "zh" ? s.zh : s.en)); }
  $("coverage").textContent = tree.coverage.map(c => c.chain + " " + t("coverage") + " " + pct(c.coverage) + " (" + c.present + "/" + c.leaves + ")").join(" · ");
  const box = $("tree"); box.textContent = "";
  const style = Object.fromEntries(tree.statuses.map(s => [s.status, s]));
  for (const chain of tree.chains) {
    box.append(el("h3", {}, chain.chain));
    const nodes = chain.segments, rowH = 30, indent = 24, boxW = 300, boxH = 24;
    const s = svg("svg", {width: 720, height: nodes.length * rowH + 6, class: "chain", role: "img", "aria-label": chain.chain});
    const row = Object.fromEntries(nodes.map((n, i) => [n.id, i]));
    nodes.forEach((n, i) => {
      if (n.parent === null || row[n.parent] === undefined) return;
      const p = row[n.parent], px = 4 + nodes[p].depth * indent + 10, py = p * rowH + 3 + boxH;
      s.append(svg("path", {d: `M${px} ${py} V${i * rowH + 3 + boxH / 2} H${4 + n.depth * indent}`, fill: "none", stroke: "#90a4ae"}));
    });
    nodes.forEach((n, i) => {
      const x = 4 + n.depth * indent, y = i * rowH + 3, st = style[n.status] || style.absent;
      const g = svg("g", {class: "seg", "data-id": n.id, "data-status": n.status, tabindex: 0});
      g.append(svg("title", {}, `${n.name || n.id} (${n.id}) ${t("share")} ${pct(n.local_share)} · ${t("localFirms")} ${n.local_firms}`));
      g.append(svg("rect", {x, y, width: boxW, height: boxH, rx: 5, fill: st.fill, stroke: st.stroke, "stroke-width": 1.3}));
      g.append(svg("text", {x: x + 8, y: y + 16, class: "n"}, (n.name || n.id).slice(0, 18) + "  " + n.id));
      g.append(svg("text", {x: x + boxW + 10, y: y + 16, class: "i"}, `${t("share")} ${pct(n.local_share)} · ${t("localFirms")} ${n.local_firms}`));
      g.addEventListener("click", () => guarded(() => showSegment(n.id)));
      g.addEventListener("keydown", e => { if (e.key === "Enter") guarded(() => showSegment(n.id)); });
      if (view && view.kind === "segment" && view.id === n.id) g.classList.add("sel");
      s.append(g);
    });
    box.append(s);
  }
}

async function showSegment(id) {
  view = {kind: "segment", id, data: await api("segments/" + encodeURIComponent(id), {local: region})};
  for (const g of document.querySelectorAll("g.seg")) g.classList.toggle("sel", g.dataset.id === id);
  renderView();
}
async function showFirm(id) {
  view = {kind: "firm", id, data: await api("firms/" + encodeURIComponent(id), {local: region})};
  renderView();
}
function renderView() {
  const panel = $("panel");
  if (!view) return;
  panel.textContent = "";
  const d = view.data;
  if (view.kind === "segment") {
    const s = d.segment[0];
    panel.append(el("h2", {id: "view-title"}, t("segment") + ": " + (s.name || s.id) + " (" + s.id + ")"));
    panel.append(el("p", {class: "muted"}, [s.chain, s.parent && "↑ " + s.parent, s.children && "↓ " + s.children].filter(Boolean).join(" · ")));
    const node = tree ? tree.chains.flatMap(c => c.segments).find(n => n.id === s.id) : null;
    if (node) panel.append(el("p", {id: "segment-share"}, `${t("share")} ${pct(node.local_share)} · ${t("localFirms")} ${node.local_firms}`));
    const lr = d.local_rate[0];
    panel.append(el("h3", {}, t("localRate") + " · " + t("buyersOf")), el("div", {class: "kpi", id: "segment-rate"}, lr ? pct(lr.value_rate) : "–"),
      el("p", {class: "muted"}, lr ? `${num(lr.local_value)} / ${num(lr.input_value)} · ${lr.buyers} ${t("buyers")}` : t("noBuyers")));
    panel.append(el("h3", {}, t("gaps") + " (" + d.gaps.length + ")"));
    panel.append(d.gaps.length ? table([[t("type"), r => GAP[r.type] ? GAP[r.type][lang === "zh" ? 0 : 1] : r.type], [t("buyer"), r => r.buyer ? firmLink(r.buyer) : ""],
      [t("share"), r => pct(r.local_share)], [t("value"), r => r.value ?? r.imported_value ?? ""],
      [t("candidates"), r => { const c = el("span"); for (const f of (r.candidates || "").split(";").filter(Boolean)) c.append(firmLink(f), " "); return c; }]], d.gaps) : el("p", {class: "muted"}, t("none")));
    panel.append(el("h3", {}, t("candidates")));
    panel.append(d.candidates.length ? table([[t("firm"), r => firmLink(r.candidate)], [t("capacity"), r => r.capacity], [t("before"), r => pct(r.value_rate_before)],
      [t("after"), r => pct(r.value_rate_after)], [t("delta"), r => el("span", {class: "pos"}, r.delta === null ? "–" : "+" + (r.delta * 100).toFixed(2) + " pt")]], d.candidates) : el("p", {class: "muted"}, t("none")));
    panel.append(el("h3", {}, t("firms") + " (" + d.firms.length + ")"));
    panel.append(table([[t("firm"), r => firmLink(r.firm, r.name)], [t("region2"), r => r.region || ""], [t("local"), r => flag(r.local)],
      [t("revenue"), r => r.revenue ?? ""], [t("sales"), r => r.sales]], d.firms));
    panel.append(downloads("segments/" + encodeURIComponent(view.id), {local: region, part: "firms"}));
    panel.append(downloads("gaps", {local: region}));
  } else {
    const f = d.firm[0];
    panel.append(el("h2", {id: "view-title"}, t("firm") + ": " + (f.name || f.firm) + " (" + f.firm + ")"));
    panel.append(el("p", {class: "muted"}, [f.region, f.segments].filter(Boolean).join(" · ")));
    const lr = d.local_rate[0];
    panel.append(el("h3", {}, t("localRate")), el("div", {class: "kpi"}, lr ? pct(lr.value_rate) : "–"));
    if (d.leaders.length) panel.append(el("h3", {}, t("leaderScore")), table([[t("chain"), r => r.chain], [t("rank"), r => r.rank], [t("score"), r => Number(r.score).toFixed(4)],
      [t("leaderFlag"), r => flag(r.leader)], [t("specialist"), r => r.specialist === null ? "–" : flag(r.specialist)]], d.leaders));
    for (const role of ["supplier", "buyer"]) {
      const rows = d.neighbours.filter(r => r.role === role);
      panel.append(el("h3", {}, t(role + "s") + " (" + rows.length + ", " + t("local") + " " + rows.filter(r => r.local).length + ")"));
      panel.append(table([[t("firm"), r => firmLink(r.firm, r.name)], [t("region2"), r => r.region || ""], [t("local"), r => flag(r.local)],
        [t("segment"), r => r.segments], [t("value"), r => r.value]], rows));
    }
    panel.append(downloads("firms/" + encodeURIComponent(view.id), {local: region, part: "neighbours"}));
  }
}

async function loadLeaders() {
  const rows = await api("leaders", {local: region});
  const box = $("leaders"); box.textContent = "";
  box.append(table([[t("chain"), r => r.chain], [t("rank"), r => r.rank], [t("firm"), r => firmLink(r.firm)], [t("score"), r => Number(r.score).toFixed(4)],
    [t("leaderFlag"), r => flag(r.leader)], [t("specialist"), r => r.specialist === null ? "–" : flag(r.specialist)]], rows));
  box.append(downloads("leaders", {local: region}));
}

let searchTimer = null;
async function search() {
  const text = $("q").value.trim(), box = $("results");
  box.textContent = "";
  if (!text) return;
  const rows = await api("search", {q: text, limit: 20});
  if (!rows.length) { box.append(el("p", {class: "muted"}, t("noResults"))); return; }
  box.append(table([[t("firm"), r => firmLink(r.firm, r.name)], [t("region2"), r => r.region || ""], [t("segment"), r => r.segments]], rows));
}

async function guarded(work) {
  $("status").textContent = "loading";
  try { await work(); $("status").textContent = "ready"; }
  catch (e) { $("status").textContent = t("error") + ": " + e.message; $("status").className = "ds err"; }
}
$("region").addEventListener("change", () => guarded(async () => {
  region = $("region").value; view = null; $("panel").textContent = "";
  await Promise.all([loadTree(), loadLeaders()]);
}));
$("q").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => guarded(search), 200); });
$("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; guarded(async () => applyLanguage()); });
$("dataset").textContent = document.body.dataset.dataset;
guarded(async () => { await loadRegions(); await Promise.all([loadTree(), loadLeaders()]); });
// The test hooks: segment and firm views as functions the browser test may also call.
window.chainMap = {showSegment: id => guarded(() => showSegment(id)), showFirm: id => guarded(() => showFirm(id))};
</script>
</body>
</html>
"""#
}
