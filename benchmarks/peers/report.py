"""Turns the brisk:coldstart results of run.sh into a Markdown table, a JSON summary and an SVG chart.

Usage: python3 report.py RESULTS_DIR OUT_DIR RUNS
RESULTS_DIR holds rows.tsv (row, artifact file, what it is) and one <row>.json per row, as brisk:coldstart
wrote them. Every figure comes from those files; ratios are each row's own (median total / median total of
the floor interleaved with it in the same run).
"""
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from xml.sax.saxutils import escape

BRISK = "brisk"


def load(results_dir):
    rows = []
    with open(os.path.join(results_dir, "rows.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row, artifact, what = line.rstrip("\n").split("\t")
            with open(os.path.join(results_dir, row + ".json"), encoding="utf-8") as j:
                data = json.load(j)
            fn, floor = data["results"]["function"], data["results"]["floor"]
            rows.append({
                "row": row,
                "what": what,
                "artifact": artifact,
                "artifactKb": data["jarKb"],
                "handler": data["handler"],
                "classesLoaded": fn["classesLoaded"],
                "initMs": fn["initMs"]["median"],
                "firstInvokeMs": fn["firstInvokeMs"]["median"],
                "totalMs": fn["totalMs"]["median"],
                "totalP90Ms": fn["totalMs"]["p90"],
                "peakRssMb": fn["peakRssMb"]["median"],
                "floor": {
                    "classesLoaded": floor["classesLoaded"],
                    "initMs": floor["initMs"]["median"],
                    "firstInvokeMs": floor["firstInvokeMs"]["median"],
                    "totalMs": floor["totalMs"]["median"],
                    "peakRssMb": floor["peakRssMb"]["median"],
                },
                "ratioToFloor": data["ratioToFloor"],
                "samples": {"function": fn["samples"], "floor": floor["samples"]},
                "runs": data["runs"],
                "javaVersion": data["javaVersion"],
                "memoryMb": data["memoryMb"],
            })
    return rows


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"nproc": os.cpu_count(), "cpu": cpu, "memoryGb": mem_gb, "os": platform.platform(),
            "loadAverage1m": load}


def fmt_int(x):
    return f"{x:,.0f}"


def markdown(rows, floor, brisk_ratio, runs, when, info):
    out = []
    out.append(f"Measured {when} by `benchmarks/peers/run.sh {runs}`: {runs} fresh JVMs per row under the AWS Lambda "
               f"Runtime Interface Client (Java {rows[0]['javaVersion']}, {rows[0]['memoryMb']} MB, Lambda's JVM "
               f"flags), each row interleaved with its own floor (an empty `RequestStreamHandler`). "
               f"{info['nproc']} cores ({info['cpu']}), {info['memoryGb']} GB. Medians; ratio = median total / "
               f"median total of the floor in the same run.")
    out.append("")
    out.append("| row | artifact | size KB | classes loaded | init ms | first invoke ms | total ms | "
               "floor total ms | peak RSS MB | ratio to floor | vs Brisk |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    out.append(f"| floor (empty handler, median of the rows' floors) | | | {fmt_int(floor['classesLoaded'])} | "
               f"{floor['initMs']:.0f} | {floor['firstInvokeMs']:.0f} | {floor['totalMs']:.0f} | | "
               f"{floor['peakRssMb']:.0f} | 1.00x | |")
    for r in rows:
        name = f"**{r['what']}**" if r["row"] == BRISK else r["what"]
        ratio = f"**{r['ratioToFloor']:.2f}x**" if r["row"] == BRISK else f"{r['ratioToFloor']:.2f}x"
        vs = "1.0x" if r["row"] == BRISK else (f"{r['ratioToFloor'] / brisk_ratio:.1f}x" if brisk_ratio else "")
        out.append(f"| {name} | `{r['artifact']}` | {fmt_int(r['artifactKb'])} | {fmt_int(r['classesLoaded'])} | "
                   f"{r['initMs']:.0f} | {r['firstInvokeMs']:.0f} | {r['totalMs']:.0f} | {r['floor']['totalMs']:.0f} | "
                   f"{r['peakRssMb']:.0f} | {ratio} | {vs} |")
    out.append("")
    out.append(f"\"vs Brisk\" is the row's ratio to the floor divided by Brisk's ({brisk_ratio:.2f}x): how many times "
               "longer than Brisk's the row's cold start is, each measured against its own interleaved floor.")
    return "\n".join(out) + "\n"


def svg(rows, floor, runs, when):
    """Horizontal bars of each row's median total in units of its own floor (1x = the empty handler, same run)."""
    rows = sorted(rows, key=lambda r: r["ratioToFloor"])
    width, left, right, top, bar_h, gap = 980, 360, 190, 100, 26, 12
    plot_w = width - left - right
    bottom = top + len(rows) * (bar_h + gap)
    height = bottom + 110
    vmax = max(r["ratioToFloor"] for r in rows)
    step = 1 if vmax <= 12 else 2 if vmax <= 24 else 5
    axis_max = (int(vmax / step) + 1) * step

    def x(v):
        return left + plot_w * v / axis_max

    p = []
    p.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">')
    p.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    p.append('<text x="20" y="28" font-size="17" font-weight="bold">Cold start of the same HTTP API function '
             'under Lambda\'s Java runtime client</text>')
    p.append(f'<text x="20" y="50" fill="#555">Median of {runs} fresh JVMs each, process start to the first '
             f'response (init + first invoke), as a multiple of the floor measured in the same run.</text>')
    p.append(f'<text x="20" y="68" fill="#555">Label: that ratio, and the median in milliseconds on this machine '
             f'({escape(when)}). Shorter is faster.</text>')
    for t in range(0, axis_max + 1, step):
        xt = x(t)
        p.append(f'<line x1="{xt:.1f}" y1="{top - 8}" x2="{xt:.1f}" y2="{bottom}" stroke="#e8e8e8"/>')
        p.append(f'<text x="{xt:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#777">{t}x</text>')
    p.append(f'<text x="{left + plot_w / 2:.1f}" y="{bottom + 36}" text-anchor="middle" fill="#555">'
             f'median total / median total of the floor</text>')
    for i, r in enumerate(rows):
        y = top + i * (bar_h + gap)
        is_brisk = r["row"] == BRISK
        color = "#e4572e" if is_brisk else "#8796ab"
        weight = ' font-weight="bold"' if is_brisk else ""
        label = r["what"] if len(r["what"]) <= 54 else r["what"][:53] + "…"
        p.append(f'<text x="{left - 10}" y="{y + bar_h / 2 + 4:.1f}" text-anchor="end"{weight}>{escape(label)}</text>')
        p.append(f'<rect x="{left}" y="{y}" width="{x(r["ratioToFloor"]) - left:.1f}" height="{bar_h}" '
                 f'fill="{color}"/>')
        lx = max(x(r["ratioToFloor"]), x(1)) + 8
        p.append(f'<text x="{lx:.1f}" y="{y + bar_h / 2 + 4:.1f}"{weight}>'
                 f'{r["ratioToFloor"]:.2f}x · {r["totalMs"]:,.0f} ms</text>')
    fx = x(1)
    p.append(f'<line x1="{fx:.1f}" y1="{top - 14}" x2="{fx:.1f}" y2="{bottom}" stroke="#111" stroke-width="2"/>')
    p.append(f'<text x="{fx:.1f}" y="{top - 18}" text-anchor="middle" fill="#111">floor</text>')
    ly = bottom + 62
    p.append(f'<line x1="20" y1="{ly - 10}" x2="20" y2="{ly + 4}" stroke="#111" stroke-width="2"/>')
    p.append(f'<text x="30" y="{ly}" fill="#333">floor (1x): an empty RequestStreamHandler, run between the row\'s '
             f'own JVMs with the same JVM and flags (median over the rows: {floor["totalMs"]:,.0f} ms)</text>')
    p.append(f'<rect x="14" y="{ly + 13}" width="13" height="13" fill="#e4572e"/>')
    p.append(f'<text x="34" y="{ly + 24}" fill="#333">Brisk</text>')
    p.append("</svg>")
    return "\n".join(p) + "\n"


def main():
    results_dir, out_dir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = load(results_dir)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    info = machine()
    try:
        java = subprocess.run([os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java"), "-version"],
                              capture_output=True, text=True).stderr.strip().splitlines()
    except OSError:
        java = []
    info["java"] = java
    floor = {k: statistics.median(r["floor"][k] for r in rows)
             for k in ("classesLoaded", "initMs", "firstInvokeMs", "totalMs", "peakRssMb")}
    brisk = next((r for r in rows if r["row"] == BRISK), None)
    brisk_ratio = brisk["ratioToFloor"] if brisk else None
    for r in rows:
        r["ratioToBrisk"] = round(r["ratioToFloor"] / brisk_ratio, 2) if brisk_ratio else None
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "peers.md"), "w", encoding="utf-8") as f:
        f.write(markdown(rows, floor, brisk_ratio, runs, when, info))
    with open(os.path.join(out_dir, "peers.json"), "w", encoding="utf-8") as f:
        json.dump({"measured": when, "command": f"benchmarks/peers/run.sh {runs}", "runs": runs, "machine": info,
                   "floorMedianOfRows": floor, "rows": rows}, f, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "peers.svg"), "w", encoding="utf-8") as f:
        f.write(svg(rows, floor, runs, when))


if __name__ == "__main__":
    main()
