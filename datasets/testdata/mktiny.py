#!/usr/bin/env python3
"""Writes tiny.mat and tiny_be.mat: hand-built MAT-file v5 fixtures for mat_test.go.

Independent of the Go reader: the layout follows MathWorks' "MAT-File Format"
document (128-byte header, 8-byte tags, small data elements, miCOMPRESSED).
Contents (MATLAB notation):
  a   = [1 2 3; 4 5 6]            double, stored as miUINT8, uncompressed, name as small element
  b   = [-1.5; 2.25]              double, stored as miDOUBLE, compressed (zlib)
  c   = [-300 7 40000]            double stored as miINT32, compressed, 1x3
  features = [10 20; 30 40; 50 60]  double stored as miINT16, uncompressed, 3x2 (name in a normal element)
tiny_be.mat holds the same a and b written big-endian ("MI").
"""
import struct, zlib

def tag(bo, typ, data):
    n = len(data)
    if n <= 4:  # small data element: count in the high half, type in the low half
        return struct.pack(bo + 'I', (n << 16) | typ) + data + b'\0' * (4 - n)
    return struct.pack(bo + 'II', typ, n) + data + b'\0' * ((8 - n % 8) % 8)

def matrix(bo, name, rows, cols, fmt, typ, values):
    flags = struct.pack(bo + 'II', 6, 0)            # mxDOUBLE_CLASS, no flags
    body = tag(bo, 6, flags)                          # miUINT32
    body += tag(bo, 5, struct.pack(bo + 'ii', rows, cols))  # miINT32 dims
    body += tag(bo, 1, name.encode())                 # miINT8 name
    colmajor = [values[r][c] for c in range(cols) for r in range(rows)]
    body += tag(bo, typ, struct.pack(bo + fmt * len(colmajor), *colmajor))
    return struct.pack(bo + 'II', 14, len(body)) + body

def compressed(bo, elem):
    z = zlib.compress(elem)
    return struct.pack(bo + 'II', 15, len(z)) + z   # no padding after compressed elements

def header(bo):
    text = b'MATLAB 5.0 MAT-file, Platform: test, hand-built fixture'.ljust(116, b' ')
    return text + b'\0' * 8 + struct.pack(bo + 'H', 0x0100) + (b'IM' if bo == '<' else b'MI')

A = [[1, 2, 3], [4, 5, 6]]
B = [[-1.5], [2.25]]
C = [[-300, 7, 40000]]
F = [[10, 20], [30, 40], [50, 60]]
for bo, path, parts in [
    ('<', 'tiny.mat', ['a', 'b', 'c', 'features']),
    ('>', 'tiny_be.mat', ['a', 'b']),
]:
    out = header(bo)
    for p in parts:
        if p == 'a':
            out += matrix(bo, 'a', 2, 3, 'B', 2, A)
        elif p == 'b':
            out += compressed(bo, matrix(bo, 'b', 2, 1, 'd', 9, B))
        elif p == 'c':
            out += compressed(bo, matrix(bo, 'c', 1, 3, 'i', 5, C))
        elif p == 'features':
            out += matrix(bo, 'features', 3, 2, 'h', 3, F)
    open(path, 'wb').write(out)
