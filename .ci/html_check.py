"""Checks an HTML report (stdlib only): exactly N charts, none of them empty, no scripts.

    html_check.py FILE N

Every <svg> must hold at least one plotted mark (a line of 2+ points, an area, or a bar of
non-zero height, each carrying a <title> with the series' name), so an empty chart fails.
"""
import re
import sys

path, want = sys.argv[1], int(sys.argv[2])
html = open(path, encoding="utf-8").read()
if re.search(r"<script|javascript:|\son[a-z]+\s*=", html, re.I):
    sys.exit(f"{path}: carries a script or an event handler")
svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
if len(svgs) != want:
    sys.exit(f"{path}: {len(svgs)} charts, expected {want}")
for k, svg in enumerate(svgs, 1):
    lines = [
        p for p in re.findall(r'<polyline[^>]*points="([^"]*)"[^>]*><title>', svg) if len(p.split()) >= 2
    ]
    areas = re.findall(r"<polygon[^>]*points=\"[^\"]*\"[^>]*><title>", svg)
    bars = [h for h in re.findall(r'<rect[^>]*height="([0-9.]+)"[^>]*><title>', svg) if float(h) > 0]
    marks = len(lines) + len(areas) + len(bars)
    title = re.search(r'aria-label="([^"]*)"', svg)
    name = title.group(1) if title else f"chart {k}"
    if marks == 0:
        sys.exit(f"{path}: {name} has nothing plotted")
    print(f"{path}: {name}: {len(lines)} lines, {len(areas)} areas, {len(bars)} bars")
print(f"{path}: {want} charts, none empty: ok")
