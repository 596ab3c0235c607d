#!/usr/bin/env python3
"""Draws media/icon.png (128x128): Cadence's watch on an indigo tile. Pure Python (zlib), so the
icon can be regenerated on any machine: python3 scripts/make-icon.py"""
import math, os, struct, zlib

SIZE = 128
BG = (49, 46, 129)      # indigo tile
FG = (250, 250, 255)    # watch

def inside_rounded_square(x, y, r=24):
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def near_segment(px, py, ax, ay, bx, by, w):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= w

def pixel(x, y):
    if not inside_rounded_square(x, y):
        return (0, 0, 0, 0)
    cx, cy, r = 64, 70, 38
    d = math.hypot(x - cx, y - cy)
    on = abs(d - r) <= 5
    on |= near_segment(x, y, cx, cy, cx, cy - 24, 4.5)
    on |= near_segment(x, y, cx, cy, cx + 16, cy + 12, 4.5)
    on |= near_segment(x, y, 50, 22, 78, 22, 5)
    return (*FG, 255) if on else (*BG, 255)

rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'media', 'icon.png')
with open(out, 'wb') as f:
    f.write(png)
