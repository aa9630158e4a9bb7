#!/usr/bin/env python3
"""End-to-end check of ``chaingraph serve`` (SPEC §7): the API against the CLI, the safety
rules, a load test and the page in a real browser.

    python3 Tests/serve/check_serve.py PATH_TO_CHAINGRAPH [--screenshot PNG] [--requests N] [--skip-browser]

For the bundled dataset (datasets/nev) and a generated one (``chaingraph generate``), it
starts the server on a free loopback port (``--port 0``; the URL is read from stdout) and:

* API = CLI: every row endpoint's JSON body is compared byte for byte with the CLI's
  ``--format json`` output for the same options (every local-rate grouping in fixed and
  relative mode, gaps with thresholds, types and top, leaders, all eight centrality
  measures, what-if for 招商 candidates, summary), and the tables of the segment and firm
  views with the matching CLI rows (local-rate, gaps, ``whatif --rank``, leaders);
* errors: 400 with a JSON error naming the parameter for bad values, unknown and repeated
  parameters and bad UTF-8; 404 for unknown firms, segments and every path outside the page
  and the API, ``..`` in every encoding (sent on a raw socket, so nothing is normalised by
  the client); malformed request lines, binary junk, huge query strings and headers never
  crash it (the server answers afterwards);
* it listens on loopback only (``/proc/net/tcp``) and never writes a file in its working
  directory;
* load: a bounded loop of concurrent keep-alive requests over a mix of endpoints; prints
  requests/s and p50/p99 latency and fails on any error;
* browser (Selenium, Debian's chromium and chromium-driver, headless): opens the page, waits
  for it, checks the tree is drawn in the report's colours, clicks a segment and reads the
  segment view, switches region, searches a firm and opens it, switches to English, checks
  that no request left the origin and the console has no error, and saves a screenshot.

Exit status 0 when everything passes.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures: list[str] = []
cases = 0


def ok(condition: bool, label: str, detail: str = "") -> bool:
    global cases
    cases += 1
    if condition:
        print(f"ok   {label}")
    else:
        failures.append(f"{label}: {detail}")
        print(f"FAIL {label}: {detail[:400]}")
    return condition


class Server:
    """``chaingraph serve`` on a free loopback port, in its own empty working directory."""

    def __init__(self, cli: str, dataset: str, local: str | None = None):
        self.cwd = tempfile.mkdtemp(prefix="chaingraph-serve-")
        args = [cli, "serve", "--dataset", dataset, "--port", "0", "--quiet"] + (["--local", local] if local else [])
        self.proc = subprocess.Popen(args, cwd=self.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = [None]

        def read():
            line[0] = self.proc.stdout.readline()
        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(120)
        if not line[0] or not line[0].startswith("http://"):
            self.proc.kill()
            raise RuntimeError(f"serve did not print its URL: {line[0]!r} {self.proc.stderr.read()[-2000:]}")
        url = urllib.parse.urlparse(line[0].strip())
        self.host, self.port = url.hostname, url.port
        self.base = line[0].strip().rstrip("/")

    def get(self, target: str, method: str = "GET") -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body

    def raw(self, data: bytes) -> bytes:
        """Sends bytes as they are on a new connection; returns what comes back (or b"")."""
        with socket.create_connection((self.host, self.port), timeout=30) as s:
            s.sendall(data)
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            out = b""
            try:
                while chunk := s.recv(65536):
                    out += chunk
            except (socket.timeout, ConnectionResetError):
                pass
            return out

    def alive(self) -> bool:
        try:
            return self.proc.poll() is None and self.get("/api/summary")[0] == 200
        except OSError:
            return False

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.cwd, ignore_errors=True)


def q(**params) -> str:
    return urllib.parse.urlencode([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])])


def cli_json(cli: str, dataset: str, args: list[str]) -> bytes:
    p = subprocess.run([cli, *args, "--dataset", dataset, "--format", "json", "--quiet"], capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(f"CLI {' '.join(args)} failed: {p.stderr.decode()[-500:]}")
    return p.stdout


# --------------------------------------------------------------------------------------------
# API = CLI
# --------------------------------------------------------------------------------------------

def check_api(cli: str, server: Server, dataset: str, name: str, region: str, city: str) -> None:
    def same(path: str, params: dict, args: list[str]) -> None:
        target = path + ("?" + q(**params) if params else "")
        status, headers, body = server.get(target)
        expected = cli_json(cli, dataset, args)
        ok(status == 200 and body == expected, f"{name}: GET {urllib.parse.unquote(target)} = chaingraph {' '.join(args)}",
           f"status {status}; API {body[:200]!r} vs CLI {expected[:200]!r}")

    same("/api/summary", {}, ["summary"])
    for by in ["firm", "segment", "chain", "region", "leader"]:
        same("/api/local-rate", {"by": by, "local": region}, ["local-rate", "--by", by, "--local", region])
    for by in ["firm", "segment", "chain", "region"]:
        same("/api/local-rate", {"by": by, "level": "1"}, ["local-rate", "--by", by, "--level", "1"])
    same("/api/local-rate", {"by": "region", "level": "2"}, ["local-rate", "--by", "region", "--level", "2"])
    same("/api/local-rate", {"by": "segment", "local": city}, ["local-rate", "--by", "segment", "--local", city])
    same("/api/local-rate", {"by": "leader", "local": region, "per_chain": "5"}, ["local-rate", "--by", "leader", "--local", region, "--per-chain", "5"])
    same("/api/gaps", {"local": region}, ["gaps", "--local", region])
    same("/api/gaps", {"local": city, "weak_below": "0.3", "strong_above": "0.6"}, ["gaps", "--local", city, "--weak-below", "0.3", "--strong-above", "0.6"])
    same("/api/gaps", {"local": region, "type": ["weak_segment", "single_source"], "top": "3"},
         ["gaps", "--local", region, "--type", "weak_segment", "--type", "single_source", "--top", "3"])
    same("/api/leaders", {}, ["leaders"])
    same("/api/leaders", {"local": region, "per_chain": "5"}, ["leaders", "--local", region, "--per-chain", "5"])
    same("/api/leaders", {"local": region, "top": "1"}, ["leaders", "--local", region, "--top", "1"])
    for measure in ["degree", "pagerank", "katz", "hits", "eigenvector", "betweenness", "closeness", "harmonic"]:
        status, _h, body = server.get("/api/centrality?" + q(measure=measure, top="15"))
        p = subprocess.run([cli, "centrality", "--measure", measure, "--top", "15", "--dataset", dataset, "--format", "json", "--quiet"],
                           capture_output=True)
        if p.returncode != 0:  # e.g. eigenvector on an acyclic chain: the API must refuse it too
            ok(status in (400, 409), f"{name}: centrality {measure} refused as the CLI refuses it (exit {p.returncode})", f"status {status}")
        else:
            ok(status == 200 and body == p.stdout, f"{name}: GET /api/centrality?measure={measure}&top=15 = CLI", f"{body[:200]!r}")

    # 招商 what-if for the candidates of the first missing and weak segments.
    gaps = json.loads(cli_json(cli, dataset, ["gaps", "--local", region]))
    outside = [c for g in gaps if g["type"] in ("missing_segment", "weak_segment") for c in (g["candidates"] or "").split(";") if c]
    for firm in list(dict.fromkeys(outside))[:3]:
        same("/api/whatif", {"local": region, "attract": firm}, ["whatif", "--local", region, "--attract", firm])

    # Segment and firm views: their tables equal the matching CLI rows.
    rank = json.loads(cli_json(cli, dataset, ["whatif", "--local", region, "--rank"]))
    by_segment = json.loads(cli_json(cli, dataset, ["local-rate", "--by", "segment", "--local", region]))
    by_firm = json.loads(cli_json(cli, dataset, ["local-rate", "--by", "firm", "--local", region]))
    leaders_all = json.loads(cli_json(cli, dataset, ["leaders", "--local", region, "--per-chain", "1000000"]))
    segment_ids = list(dict.fromkeys([g["segment"] for g in gaps] + [r["key"] for r in by_segment]))[:6]
    for sid in segment_ids:
        status, _h, body = server.get(f"/api/segments/{urllib.parse.quote(sid, safe='')}?" + q(local=region))
        view = json.loads(body) if status == 200 else {}
        ok(status == 200
           and view["segment"][0]["id"] == sid
           and view["local_rate"] == [r for r in by_segment if r["key"] == sid]
           and view["gaps"] == [g for g in gaps if g["segment"] == sid]
           and view["candidates"] == [r for r in rank if r["segment"] == sid]
           and all(f["segment"] for f in view["firms"]),
           f"{name}: segment view {sid} = CLI rows (local-rate, gaps, whatif --rank)", f"status {status} {body[:300]!r}")
    firm_ids = [r["key"] for r in by_firm[:3]] + [leaders_all[0]["firm"]]
    for fid in firm_ids:
        status, _h, body = server.get(f"/api/firms/{urllib.parse.quote(fid, safe='')}?" + q(local=region))
        view = json.loads(body) if status == 200 else {}
        suppliers = [n for n in view.get("neighbours", []) if n["role"] == "supplier"]
        ok(status == 200 and view["firm"][0]["firm"] == fid
           and view["local_rate"] == [r for r in by_firm if r["key"] == fid]
           and view["leaders"] == [r for r in leaders_all if r["firm"] == fid]
           and (not view["local_rate"] or len(suppliers) == view["local_rate"][0]["pairs"])
           and (not view["local_rate"] or sum(n["local"] for n in suppliers) == view["local_rate"][0]["local_pairs"]),
           f"{name}: firm view {fid} = CLI rows (local-rate, leaders; suppliers = pairs)", f"status {status} {body[:300]!r}")
    status, headers, body = server.get("/api/gaps?" + q(local=region, format="csv"))
    p = subprocess.run([cli, "gaps", "--local", region, "--dataset", dataset, "--format", "csv", "--quiet"], capture_output=True)
    ok(status == 200 and body == p.stdout and "attachment" in headers.get("content-disposition", ""),
       f"{name}: CSV download of gaps = chaingraph gaps --format csv")
    status, _h, body = server.get("/api/search?" + q(q=firm_ids[0]))
    ok(status == 200 and json.loads(body)[0]["firm"] == firm_ids[0], f"{name}: search finds a firm by id")


# --------------------------------------------------------------------------------------------
# Errors, traversal, malformed requests
# --------------------------------------------------------------------------------------------

def check_errors(server: Server) -> None:
    for target, parameter in [("/api/gaps?local=%FF%FE", "local"), ("/api/gaps?locale=x", "locale"), ("/api/gaps?local=%E7%81%AB%E6%98%9F", "local"),
                              ("/api/gaps?weak_below=1.5", "weak_below"), ("/api/local-rate?by=planet", "by"), ("/api/local-rate?level=0", "level"),
                              ("/api/local-rate?local=a&level=1", "level"), ("/api/centrality?measure=magic", "measure"), ("/api/centrality", "measure"),
                              ("/api/whatif", "attract"), ("/api/leaders?per_chain=0", "per_chain"), ("/api/gaps?top=x", "top"),
                              ("/api/search", "q"), ("/api/gaps?local=a&local=b", "local"), ("/api/gaps?format=xml", "format"),
                              ("/api/segments/S01?part=nope", "part"), ("/api/summary?x=%", "x")]:
        status, headers, body = server.get(target)
        try:
            error = json.loads(body)
        except ValueError:
            error = {}
        ok(status == 400 and error.get("parameter") == parameter and error.get("error") and headers.get("content-type", "").startswith("application/json"),
           f"400 naming {parameter}: {target}", f"{status} {body[:200]!r}")
    for target in ["/api/firms/NO_SUCH_FIRM", "/api/segments/NO_SUCH_SEGMENT", "/api/whatif?attract=NO_SUCH_FIRM", "/api/nothing", "/favicon.ico"]:
        status, _h, body = server.get(target)
        ok(status == 404 and "error" in json.loads(body), f"404: {target}", f"{status} {body[:200]!r}")
    status, _h, _b = server.get("/api/gaps", method="POST")
    ok(status == 405, "POST is refused (read-only)", str(status))
    status, _h, _b = server.get("/api/gaps", method="DELETE")
    ok(status == 405, "DELETE is refused (read-only)", str(status))
    status, _h, body = server.get("/api/search?q=" + "a" * 20000)
    ok(status in (414, 431, 400), "a 20 kB query string is refused", f"{status}")

    # Traversal in every encoding, sent byte for byte.
    secrets = [b"root:", b"import PackageDescription", b"supplier,buyer", b"[package]"]
    targets = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/..%2f..%2f..%2fetc%2fpasswd",
               "/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/..%c0%af..%c0%afetc%c0%afpasswd", "/..%5c..%5cetc%5cpasswd", "/..\\..\\etc\\passwd",
               "/api/../../etc/passwd", "/api/segments/..%2F..%2F..%2Fetc%2Fpasswd", "/api/firms/../../Package.swift", "//etc/passwd",
               "/.%2e/.%2e/etc/passwd", "/%u002e%u002e/etc/passwd", "/index.html/../../Package.swift", "/Package.swift", "/datasets/nev/links.csv",
               "/./api/../Sources/chaingraph/ServeCommand.swift", "/api/openapi.json/..", "/%00", "/api/firms/%00", "/\u2025/etc/passwd"]
    for target in targets:
        raw = server.raw(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("utf-8"))
        status = raw.split(b" ", 2)[1] if raw.startswith(b"HTTP/1.1 ") else b"none"
        ok(status in (b"400", b"404") and not any(s in raw for s in secrets), f"traversal refused: {target}", f"{raw[:200]!r}")
    junk = [b"\x00\xff\xfe\r\n\r\n", b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /api/summary HTTP/1.1\r\nNoColon\r\n\r\n",
            b"GET /" + bytes(range(128, 256)) + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /api/gaps?local=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /api/summary HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n", b"GET /?" + b"q=" * 100000 + b" HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", os.urandom(4096)]
    for data in junk:
        server.raw(data)
    ok(server.alive(), f"{len(junk)} malformed requests (junk bytes, bad request lines, 200 kB header, bad UTF-8) and the server still answers")


def check_loopback(server: Server) -> None:
    port = f"{server.port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                fields = line.split()
                local, state = fields[1], fields[3]
                if state == "0A" and local.endswith(":" + port):
                    listening.append(local.split(":")[0])
    ok(listening == ["0100007F"], "listens on 127.0.0.1 only", f"listening addresses {listening}")
    ok(os.listdir(server.cwd) == [], "wrote no file in its working directory", str(os.listdir(server.cwd)))


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------

def load_test(server: Server, region: str, segments: list[str], firms: list[str], total: int, workers: int) -> dict:
    targets = ["/api/summary", "/api/gaps?" + q(local=region), "/api/local-rate?" + q(by="segment", local=region),
               "/api/leaders?" + q(local=region), "/api/tree?" + q(local=region), "/api/search?" + q(q=firms[0][:3]),
               "/api/centrality?" + q(measure="pagerank", top="20"), "/"]
    targets += [f"/api/segments/{urllib.parse.quote(s, safe='')}?" + q(local=region) for s in segments[:4]]
    targets += [f"/api/firms/{urllib.parse.quote(f, safe='')}?" + q(local=region) for f in firms[:4]]
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        mine = []
        for i in range(k, total, workers):
            target = targets[i % len(targets)]
            t0 = time.perf_counter()
            try:
                conn.request("GET", target)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    errors.append(f"{target}: {r.status}")
            except Exception as e:  # a reset or timeout is an error of the server under load
                errors.append(f"{target}: {e!r}")
                conn.close()
                conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)

    for t in targets:  # warm the caches once: the loop measures serving, not first computation
        server.get(t)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(worker, range(workers)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    result = {"requests": len(latencies), "workers": workers, "seconds": elapsed, "rps": len(latencies) / elapsed,
              "p50_ms": 1000 * latencies[len(latencies) // 2], "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
              "errors": len(errors)}
    ok(not errors and server.alive(),
       f"load: {result['requests']} requests from {workers} concurrent keep-alive clients: {result['rps']:.0f} requests/s, "
       f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, {len(errors)} errors", "; ".join(errors[:5]))
    return result


# --------------------------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------------------------

def check_browser(server: Server, screenshot: str | None, other_region: str, firm_query: str, firm_id: str) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    options = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--lang=zh-CN", "--disable-dev-shm-usage"]:
        options.add_argument(a)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 60)
    try:
        def ready():
            wait.until(lambda d: d.find_element(By.ID, "status").text in ("ready",) or d.find_element(By.ID, "status").text.startswith("出错"))
            return driver.find_element(By.ID, "status").text

        driver.get(server.base + "/")
        ok(ready() == "ready", "browser: the page loads and reports ready", driver.find_element(By.ID, "status").text)
        segs = driver.find_elements(By.CSS_SELECTOR, "#tree g.seg")
        fills = {e.find_element(By.TAG_NAME, "rect").get_attribute("fill") for e in segs}
        tree = json.loads(server.get("/api/tree?" + q(local=driver.execute_script("return document.body.dataset.region")))[2])
        expected = sum(len(c["segments"]) for c in tree["chains"])
        report_fills = {s["fill"] for s in tree["statuses"]}
        ok(len(segs) == expected and fills <= report_fills and len(fills) >= 2,
           f"browser: the chain tree shows {len(segs)} segments in the report's status colours", f"{len(segs)} vs {expected}, fills {fills}")
        ok(driver.find_element(By.TAG_NAME, "h1").text == "产业链图谱", "browser: Chinese by default")

        # Click a segment (a weak one, which has gap rows and candidates, else a present one) and read the view.
        by_status = {}
        for e in segs:
            by_status.setdefault(e.get_attribute("data-status"), e)
        target = by_status.get("weak_segment") or by_status.get("present") or segs[0]
        sid = target.get_attribute("data-id")
        target.click()
        wait.until(lambda d: sid in d.find_element(By.ID, "panel").text)
        panel = driver.find_element(By.ID, "panel").text
        view = json.loads(server.get(f"/api/segments/{urllib.parse.quote(sid, safe='')}?" + q(local=driver.execute_script("return document.body.dataset.region")))[2])
        shown = [a.get_attribute("data-firm") for a in driver.find_elements(By.CSS_SELECTOR, "#panel a.firm")]
        ok(f"({sid})" in panel and all(f["firm"] in shown for f in view["firms"]),
           f"browser: clicking segment {sid} shows its view with its {len(view['firms'])} firms", panel[:300])
        if screenshot:
            driver.save_screenshot(screenshot)
            ok(os.path.getsize(screenshot) > 20000, f"browser: screenshot {screenshot}")

        # Switch region.
        before = driver.find_element(By.ID, "coverage").text
        Select(driver.find_element(By.ID, "region")).select_by_value(other_region)
        wait.until(lambda d: d.find_element(By.ID, "coverage").text != before or d.find_element(By.ID, "status").text != "loading")
        ready()
        tree2 = json.loads(server.get("/api/tree?" + q(local=other_region))[2])
        statuses = [e.get_attribute("data-status") for e in driver.find_elements(By.CSS_SELECTOR, "#tree g.seg")]
        ok(statuses == [s["status"] for c in tree2["chains"] for s in c["segments"]],
           f"browser: switching to {other_region} redraws the tree with that region's statuses")

        # Search a firm and open it.
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(firm_query)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#results a.firm[data-firm="{firm_id}"]'))
        driver.find_element(By.CSS_SELECTOR, f'#results a.firm[data-firm="{firm_id}"]').click()
        wait.until(lambda d: f"({firm_id})" in d.find_element(By.ID, "view-title").text)
        firm_view = json.loads(server.get(f"/api/firms/{urllib.parse.quote(firm_id, safe='')}?" + q(local=other_region))[2])
        rows = driver.find_elements(By.CSS_SELECTOR, "#panel table tr")
        ok(len(rows) >= len(firm_view["neighbours"]), f"browser: search '{firm_query}' → firm view of {firm_id} with "
           f"{len(firm_view['neighbours'])} suppliers and buyers")

        # English.
        driver.find_element(By.ID, "lang").click()
        wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Industrial chain map")
        ok(True, "browser: English on a click")

        # Offline: every resource came from the server's origin; no console error.
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        foreign = [r for r in resources if not r.startswith(server.base + "/")]
        ok(not foreign, f"browser: {len(resources)} requests, all to the server's origin", str(foreign[:5]))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        ok(not errors, "browser: no console error", str(errors[:3]))
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chaingraph")
    parser.add_argument("--screenshot", help="save the browser screenshot here (e.g. docs/serve-screenshot.png)")
    parser.add_argument("--requests", type=int, default=3000, help="requests of the load test (default 3000)")
    parser.add_argument("--workers", type=int, default=16, help="concurrent clients of the load test (default 16)")
    parser.add_argument("--skip-browser", action="store_true", help="for quick local runs only; CI runs the browser")
    args = parser.parse_args()
    cli = os.path.abspath(args.chaingraph)
    started = time.time()
    work = tempfile.mkdtemp(prefix="chaingraph-serve-check-")
    try:
        nev = os.path.join(ROOT, "datasets", "nev")
        print("== nev (bundled)")
        server = Server(cli, nev)
        try:
            check_api(cli, server, nev, "nev", "湖北", "湖北/武汉")
            print("== errors and safety")
            check_errors(server)
            check_loopback(server)
            print("== load")
            segments = [r["key"] for r in json.loads(cli_json(cli, nev, ["local-rate", "--by", "segment", "--local", "湖北"]))]
            firms = [r["key"] for r in json.loads(cli_json(cli, nev, ["local-rate", "--by", "firm", "--local", "湖北"]))]
            load = load_test(server, "湖北", segments, firms, args.requests, args.workers)
            print("LOAD " + json.dumps(load))
            if not args.skip_browser:
                print("== browser")
                name = json.loads(cli_json(cli, nev, ["local-rate", "--by", "firm", "--local", "江苏"]))[0]["key"]
                search = json.loads(server.get("/api/firms/" + name)[2])["firm"][0]
                check_browser(server, args.screenshot, "江苏", search["name"][:4] or name, name)
        finally:
            server.stop()
            ok(server.proc.returncode in (0, -2, 130), "stops on SIGINT", f"exit {server.proc.returncode}")

        print("== generated (chaingraph generate)")
        gen = os.path.join(work, "gen")
        subprocess.run([cli, "generate", "--firms", "600", "--links-per-firm", "5", "--seed", "11", "--out", gen, "--quiet"], check=True)
        regions = json.loads(cli_json(cli, gen, ["local-rate", "--by", "region", "--level", "1"]))
        region = max(regions, key=lambda r: r["buyers"])["key"]
        cities = [r for r in json.loads(cli_json(cli, gen, ["local-rate", "--by", "region", "--level", "2"])) if r["key"].startswith(region + "/")]
        city = max(cities, key=lambda r: r["buyers"])["key"]
        server = Server(cli, gen, local=region)
        try:
            check_api(cli, server, gen, "generated", region, city)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{cases} cases, {len(failures)} failed; {time.time() - started:.0f} s")
    for f in failures:
        print(f"  failed: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
