"""Checks that a PNG has the expected size (0 0: any size) and is not blank (stdlib only)."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8, "8-bit PNG expected"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, ctype, zlib.decompress(idat)


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    w, h, ctype, raw = read_png(path)
    if want_w and (w, h) != (want_w, want_h):
        sys.exit(f"{path}: {w}x{h}, expected {want_w}x{want_h}")
    bpp = {2: 3, 6: 4}[ctype]
    stride = 1 + w * bpp
    colours = set()
    # sample every 7th row, every 13th pixel (filter bytes make exact decoding unnecessary
    # for a blankness test: a blank image compresses to identical rows)
    rows = {raw[y * stride : (y + 1) * stride] for y in range(0, h, 7)}
    for row in list(rows)[:200]:
        for x in range(1, len(row) - bpp, 13 * bpp):
            colours.add(row[x : x + bpp])
    if len(rows) < 20 or len(colours) < 20:
        sys.exit(f"{path}: looks blank ({len(rows)} distinct rows, {len(colours)} colours)")
    print(f"{path}: {w}x{h}, {len(rows)} distinct sampled rows, {len(colours)} sampled colours: ok")


main()
