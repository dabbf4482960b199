"""Checks a PNG that the planner wrote (stdlib only: the PNG is decoded here, filters and all).

    png_check.py FILE WIDTH HEIGHT [--colour RRGGBB[:MIN_PIXELS]]... [--differs OTHER.png]

- the size is WIDTH x HEIGHT (0 0: any size);
- the image is not blank: at least 20 distinct colours;
- every --colour appears (within 6 per channel, for anti-aliasing) in at least MIN_PIXELS
  pixels (default 200): a plotted series' colour, so an empty chart fails;
- with --differs, at least 1 % of the pixels differ from OTHER.png (a screenshot of another
  file must not be the same picture).
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width, height, ctype, depth, interlace = 8, b"", 0, 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body[:13])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit(f"{path}: 8-bit non-interlaced RGB(A) PNG expected")
    bpp = {2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        sys.exit(f"{path}: truncated image data")
    pixels = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        elif f != 0:
            sys.exit(f"{path}: bad filter {f} in row {y}")
        pixels[y * stride : (y + 1) * stride] = line
        prev = line
    rgb = [tuple(pixels[i : i + 3]) for i in range(0, len(pixels), bpp)]
    return width, height, rgb


def main():
    args = sys.argv[1:]
    path, want_w, want_h = args[0], int(args[1]), int(args[2])
    colours, other = [], None
    rest = args[3:]
    while rest:
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "--colour":
            hexcode, _, minimum = value.partition(":")
            c = tuple(int(hexcode[i : i + 2], 16) for i in (0, 2, 4))
            colours.append((hexcode, c, int(minimum or 200)))
        elif flag == "--differs":
            other = value
        else:
            sys.exit(f"unknown option {flag}")
    w, h, rgb = read_png(path)
    if want_w and (w, h) != (want_w, want_h):
        sys.exit(f"{path}: {w}x{h}, expected {want_w}x{want_h}")
    counts = {}
    for p in rgb:
        counts[p] = counts.get(p, 0) + 1
    if len(counts) < 20:
        sys.exit(f"{path}: looks blank ({len(counts)} colours)")
    for hexcode, c, minimum in colours:
        n = sum(k for p, k in counts.items() if all(abs(p[i] - c[i]) <= 6 for i in range(3)))
        if n < minimum:
            sys.exit(f"{path}: colour #{hexcode} in {n} pixels, expected at least {minimum}")
        print(f"{path}: colour #{hexcode} in {n} pixels")
    if other:
        ow, oh, orgb = read_png(other)
        if (ow, oh) != (w, h):
            sys.exit(f"{path}: {w}x{h} cannot be compared with {other} ({ow}x{oh})")
        diff = sum(1 for a, b in zip(rgb, orgb) if a != b)
        if diff < 0.01 * w * h:
            sys.exit(f"{path}: only {diff} pixels differ from {other}")
        print(f"{path}: {diff} pixels differ from {other}")
    print(f"{path}: {w}x{h}, {len(counts)} colours: ok")


main()
