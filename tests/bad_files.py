"""Bad and hostile files written byte by byte, for the tests that show each is refused clearly.

``make_pdf`` writes a one-page PDF (Helvetica text, optional ruling lines),
optionally encrypted with the PDF standard security handler (revision 2,
40-bit RC4); ``minimal_ole`` an old-Office compound file; ``zip_bomb`` a
.docx-shaped zip that inflates far beyond its size. All in pure Python, so
no tool that writes these formats is needed at test time.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from pathlib import Path

from extract import legacy
from extract.limits import MB

# What must never reach a person's message: bytes, escapes, control characters (a dumped parser message spans
# lines), Python exception class names ("(KeyError: ...", "(PSEOF: ...") and tracebacks, parser internals.
RAW_DUMP = re.compile(
    r"""(?<![A-Za-z])b['"]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|[\x00-\x1f\x7f\ufffd]"""
    r"""|Traceback|\b[A-Z]\w*(?:Error|Exception)\b|\bBadZipFile\b|\bPSEOF\b|\([A-Za-z_][\w.]*: """
    r"""|\bzlib\b|Error -\d|<string>|File "/"""
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\x00" * 32
DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
JUNK_ZIP = b"PK\x03\x04" + b"\x14\x00junk" * 50
WORD_STREAM = struct.pack("<H8xH", 0xA5EC, 0) + bytes(4096 - 12)  # a .doc's WordDocument stream, not encrypted
WORKBOOK_STREAM = struct.pack("<HH", 0x0809, 16) + bytes(4096 - 4)  # an .xls's Workbook stream


# Algorithm 2 of the PDF spec pads passwords with these 32 bytes.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_PERMISSIONS = -44  # print and copy allowed; any value works for the test
_FILE_ID = bytes.fromhex("0123456789ABCDEF0123456789ABCDEF")


def rc4(key: bytes, data: bytes) -> bytes:
    """RC4, the stream cipher of the PDF standard security handler revisions 2 and 3."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def _security(user: str, owner: str) -> tuple[bytes, bytes, bytes]:
    """(O entry, U entry, file key) for revision 2 (algorithms 3, 2 and 4 of the spec)."""
    o_entry = rc4(hashlib.md5(_padded(owner or user)).digest()[:5], _padded(user))
    p_bytes = _PERMISSIONS.to_bytes(4, "little", signed=True)
    key = hashlib.md5(_padded(user) + o_entry + p_bytes + _FILE_ID).digest()[:5]
    return o_entry, rc4(key, _PAD), key


def _object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[: len(key) + 5]


def make_pdf(
    path: Path,
    text: str = "Budget 2023",
    lines: tuple[tuple[float, float, float, float], ...] = (),
    user_password: str | None = None,
    owner_password: str = "",
    texts: tuple[tuple[float, float, str], ...] = (),
) -> Path:
    """Write a 300x200 pt one-page PDF showing ``text`` at (40, 150), or ``texts`` (x, y, text) instead, and stroking
    ``lines`` (x0, y0, x1, y1); coordinates from the bottom-left, 12 pt Helvetica; encrypted if a password is given."""
    strokes = "".join(f"{x0} {y0} m {x1} {y1} l S\n" for x0, y0, x1, y1 in lines)
    shown = "".join(f"BT /F1 12 Tf {x} {y} Td ({t}) Tj ET\n" for x, y, t in (texts or ((40, 150, text),)))
    content = f"0.5 w\n{strokes}{shown}".encode("latin-1")
    encrypt = user_password is not None or bool(owner_password)
    if encrypt:
        o_entry, u_entry, key = _security(user_password or "", owner_password)
        content = rc4(_object_key(key, 4), content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (o_entry.hex().encode(), u_entry.hex().encode(), _PERMISSIONS)
        )
    trailer = b" /ID [<%s> <%s>]" % (_FILE_ID.hex().encode(), _FILE_ID.hex().encode())
    if encrypt:
        trailer += b" /Encrypt 6 0 R"
    path.write_bytes(pdf_of(objects, header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", trailer=trailer))
    return path


def pdf_of(objects: list[bytes], *, header: bytes = b"%PDF-1.4\n", trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the catalog first) with its xref table; ``trailer`` adds
    entries to the trailer after /Size and /Root."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def minimal_ole(stream: str, body: bytes) -> bytes:
    """A version-3 compound file (512-byte sectors) whose root holds one stream ``stream`` of ``body`` (>= 4096 bytes).

    Sector 0 is the FAT, sector 1 the directory, sectors 2.. the stream.
    """
    n_body = -(-len(body) // 512)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n_body - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[:8] = legacy.OLE_MAGIC
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry(stream, 2, 0xFFFFFFFF, 2, len(body)) + bytes(256)
    return bytes(header) + struct.pack("<128I", *fat) + directory + body + bytes(n_body * 512 - len(body))


def zip_bomb(path: Path, mb: int, name: str = "word/media/image1.bin") -> Path:
    """A .docx-shaped zip with one part of ``mb`` MB of zeros, written streaming (a few hundred KB on disk)."""
    chunk = bytes(MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open(name, "w") as part:
            for _ in range(mb):
                part.write(chunk)
    return path
