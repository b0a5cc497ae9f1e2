"""Whether the compressed streams a PDF page's text comes from are whole.

pdfminer, on a Flate stream that fails to inflate, keeps what came out
before the damage (logging "Data-loss while decompressing corrupted
data") or, when nothing does, an empty stream, and carries on: one flipped
bit then drops a whole goal table without a word. Deflate data in a PDF
carries an Adler-32 checksum, so inflating each stream once, strictly,
tells a damaged one from a whole one; a filter name no text stream has
(``/FlapeDecode``) makes pdfminer drop the stream too. Checked: the page's content streams
and the ToUnicode maps of its fonts (a damaged map turns 购 into 脭), before
pdfminer decodes them, on every page, also those the triage skips: a page
whose text is lost holds no goal-table word for the triage to find. Not checked: images and embedded font programs,
which carry no text, and the streams of an encrypted file (they need its
key first).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdftypes import (LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_FLATE_DECODE,
                               LITERALS_LZW_DECODE, LITERALS_RUNLENGTH_DECODE, PDFStream, resolve1)

# The filters a stream of text can carry; any other name on one (/FlapeDecode after a flipped bit) makes pdfminer
# drop the stream's content without a word.
TEXT_FILTERS = (*LITERALS_FLATE_DECODE, *LITERALS_LZW_DECODE, *LITERALS_ASCII85_DECODE, *LITERALS_ASCIIHEX_DECODE,
                *LITERALS_RUNLENGTH_DECODE)
MAX_FONTS = 200  # per page; a page naming more is checked only for its first ones (a damaged dictionary can loop)


def _whole(stream: PDFStream) -> bool:
    """False when the stream names a filter text cannot have, or its Flate data (alone) fails to inflate whole."""
    try:
        filters = [f for f, _ in stream.get_filters()]
    except (TypeError, ValueError, AttributeError):  # a damaged /Filter or /DecodeParms entry
        return False
    if any(f not in TEXT_FILTERS for f in filters):
        return False
    if filters and all(f in LITERALS_FLATE_DECODE for f in filters):
        return inflates_whole(stream.rawdata)
    return True


def inflates_whole(data: bytes) -> bool:
    """True when ``data`` is one complete zlib stream whose checksum matches.

    >>> inflates_whole(zlib.compress(b"BT (x) Tj ET")), inflates_whole(zlib.compress(b"BT (x) Tj ET")[:-2])
    (True, False)
    """
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(data)
        inflater.flush()
    except zlib.error:
        return False
    return inflater.eof


def _text_streams(page_obj: Any) -> Iterator[PDFStream]:
    """The page's content streams and its fonts' ToUnicode maps, as far as they resolve to streams."""
    for stream in page_obj.contents:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            yield stream
    fonts = resolve1((resolve1(page_obj.resources) or {}).get("Font")) if isinstance(
        resolve1(page_obj.resources), dict) else None
    if not isinstance(fonts, dict):
        return
    for font in list(fonts.values())[:MAX_FONTS]:
        font = resolve1(font)
        if isinstance(font, dict):
            cmap = resolve1(font.get("ToUnicode"))
            if isinstance(cmap, PDFStream):
                yield cmap


def damaged_text_streams(page_obj: Any, seen: set[int] | None = None) -> int:
    """How many of the streams the page's text comes from are damaged (pdfminer's ``PDFPage``, not yet parsed).

    ``seen`` collects the ids of the streams checked, so that a font's map shared by every page is inflated once.
    """
    seen = set() if seen is None else seen
    damaged = 0
    for stream in _text_streams(page_obj):
        if id(stream) in seen or stream.rawdata is None:  # None: pdfminer decoded it, so it was read already
            continue
        seen.add(id(stream))
        damaged += not _whole(stream)
    return damaged
