"""A minimal, reproducible zip writer: fixed entry dates and order, and parts that repeat in every
document (styles, settings, footers) compressed only once per batch.

zipfile cannot take data that is already deflated, so the few records a .docx needs are written
here directly (APPNOTE.TXT 4.3: local header, data, central directory, end record).
"""

from __future__ import annotations

import struct
import zlib

DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
DOS_TIME = 0
VERSION = 20
METHOD_DEFLATE = 8
UTF8_FLAG = 0x800


def deflate(data: bytes) -> bytes:
    """Raw deflate (no zlib header), level 6, as zipfile writes it."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class Packed:
    """A part deflated ahead of time, for parts that every archive of a batch holds."""

    __slots__ = ("crc", "data", "size")

    def __init__(self, data: bytes) -> None:
        self.crc, self.data, self.size = zlib.crc32(data), deflate(data), len(data)


def pack(data: bytes | Packed) -> Packed:
    """A part ready to be written: deflated now unless it already is."""
    return data if isinstance(data, Packed) else Packed(data)


class ZipWriter:
    """Writes zip archives; parts given as Packed are not deflated again."""

    def write(self, parts: list[tuple[str, bytes | Packed]]) -> bytes:
        """One archive holding `parts` in the given order."""
        chunks: list[bytes] = []
        directory: list[bytes] = []
        offset = 0
        for name, content in parts:
            encoded = name.encode("utf-8")
            part = pack(content)
            crc, packed = part.crc, part.data
            flags = UTF8_FLAG if not encoded.isascii() else 0
            local = struct.pack("<4s5H3L2H", b"PK\x03\x04", VERSION, flags, METHOD_DEFLATE, DOS_TIME, DOS_DATE,
                                crc, len(packed), part.size, len(encoded), 0)
            chunks += [local, encoded, packed]
            directory.append(struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | VERSION, VERSION, flags, METHOD_DEFLATE, DOS_TIME,
                DOS_DATE, crc, len(packed), part.size, len(encoded), 0, 0, 0, 0, 0o100644 << 16, offset) + encoded)
            offset += len(local) + len(encoded) + len(packed)
        central = b"".join(directory)
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), offset, 0)
        return b"".join(chunks) + central + end
