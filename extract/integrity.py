"""Whether what pdfminer read from a PDF page is what the file holds, beyond what ``extract.pdfstreams`` checks.

Three checks, each for a way damage slips past pdfminer without an error:

* **Data loss while reading** (``watch_data_loss``): pdfminer inflates a
  Flate stream whose checksum fails byte by byte, logs "Data-loss while
  decompressing corrupted data" (logger ``pdfminer.pdftypes``, warning)
  and keeps the bytes, right or wrong. Watching that log while a page is
  parsed catches any stream the page's text came through: form XObjects,
  object streams holding its fonts, not only the content streams and
  ToUnicode maps ``extract.pdfstreams`` inflates first.
* **Form XObjects** (``damaged_form_streams``): where the damage comes
  before the checksum, pdfminer keeps nothing and logs nothing, so the
  text a page draws through a form (a header, a whole table) would vanish.
  Their streams (and their fonts' maps) are checked whole like a page's.
* **Garbled text** (``text_signs``, ``looks_garbled``): a damaged but
  uncompressed font map or content stream, which no checksum guards,
  maps glyphs to the wrong characters. See ``looks_garbled`` for what is
  taken as garbled and why real documents stay far from it; a single
  wrong character is beyond any such check.
"""

from __future__ import annotations

import codecs
import logging
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from pdfminer.pdftypes import PDFStream, resolve1

from core.text import nfkc
from extract.pdfstreams import damaged_text_streams

PDFMINER_STREAM_LOGGER = "pdfminer.pdftypes"
DATA_LOSS_MESSAGE = "Data-loss while decompressing corrupted data"
MAX_FORM_DEPTH = 4  # forms drawn inside forms: deeper nesting is not followed (a damaged file can loop)
MAX_FORMS = 200  # per page and level, as ``pdfstreams.MAX_FONTS``

# Garbled text. Measured (issue 13) on every real and sample PDF here (24 distinct files, all 243 pages, 73 701
# CJK characters as pdfminer reads them): not one CJK character outside GB2312 (the rarest page: 0.7% outside
# its 3 755 level-1 characters, 渎), not one unreadable character. A page is refused only far beyond that:
MIN_CJK_CHARS = 30  # a page with fewer CJK characters (a cover, a signature line) is not judged by its share
MAX_RARE_SHARE = 0.10  # of a page's CJK characters, at most this share outside the common set of its script
MIN_CHARS = 30  # a page with fewer characters is not judged by its unreadable share
MAX_UNREADABLE_SHARE = 0.10  # of a page's characters, at most this share unreadable
SYMBOL_FONT_AREA = (0xF020, 0xF0FF)  # where Word maps Symbol/Wingdings glyphs (☑ as U+F0FE): private use, but real
UNDEFINED_GLYPH = "(cid:"  # pdfminer's text for a glyph that its font maps to no character
_CONTROLS_KEPT = "\t\n\r"


# --------------------------------------------------------------------------- data loss while reading


class DataLossCounter(logging.Handler):
    """Counts pdfminer's data-loss warnings logged by the thread that made it; ``lost`` only grows.

    Only its own thread's: documents read side by side in threads (Prefect's pool) must not blame each other.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lost = 0
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and DATA_LOSS_MESSAGE in record.getMessage():
            self.lost += 1


@contextmanager
def watch_data_loss() -> Iterator[DataLossCounter]:
    """Count pdfminer's data-loss warnings while the block runs, whatever its logging is set to show.

    The logger is lowered to WARNING for the block if it was set higher (an application silencing pdfminer must
    not blind the check); its other handlers then see these warnings too. ``logging.disable`` still blinds it.
    """
    logger = logging.getLogger(PDFMINER_STREAM_LOGGER)
    counter = DataLossCounter()
    level = logger.level
    if not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


# --------------------------------------------------------------------------- form XObjects


def _forms(resources: Any) -> list[PDFStream]:
    """The form XObjects named in a resource dictionary (images are not text)."""
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    found = [resolve1(x) for x in list(xobjects.values())[:MAX_FORMS]]
    return [x for x in found if isinstance(x, PDFStream) and getattr(resolve1(x.get("Subtype")), "name", "") == "Form"]


def damaged_form_streams(page_obj: Any, seen: set[int] | None = None) -> int:
    """How many form XObjects the page draws (nested up to MAX_FORM_DEPTH) have a damaged stream or font map.

    ``page_obj`` is pdfminer's ``PDFPage``; ``seen`` as in ``pdfstreams.damaged_text_streams`` (shared with it).
    """
    seen = set() if seen is None else seen
    damaged = 0
    level = _forms(page_obj.resources)
    for _ in range(MAX_FORM_DEPTH):
        deeper: list[PDFStream] = []
        for form in level:
            if id(form) in seen:
                continue
            # A form is a content stream with its own resources: checked as a page made of it.
            damaged += damaged_text_streams(SimpleNamespace(contents=[form], resources=form.get("Resources")), seen)
            deeper.extend(_forms(form.get("Resources")))
        level = deeper
    return damaged


# --------------------------------------------------------------------------- garbled text


@dataclass(frozen=True)
class TextSigns:
    """What a page's characters look like: how many, how many CJK, how many rare or unreadable."""

    chars: int = 0
    cjk: int = 0
    outside_gb2312: int = 0  # CJK characters not in GB2312 (the 6 763 hanzi of simplified Chinese)
    outside_big5: int = 0  # CJK characters not in Big5 (the 13 060 hanzi of traditional Chinese)
    unreadable: int = 0  # replacement and control characters, unassigned or private code points, unmapped glyphs

    @property
    def rare(self) -> int:
        """CJK characters outside the common set of the page's script (whichever of the two fits it better)."""
        return min(self.outside_gb2312, self.outside_big5)


# Looked up once, at import, so that the codec modules are loaded before flows.bounded forks its readers: a
# lookup that fails under the child's memory limit is cached by Python as "unknown encoding" for good.
_CHARSETS = {name: codecs.lookup(name) for name in ("gb2312", "big5")}


@cache
def _in_charset(ch: str, charset: str) -> bool:
    try:
        _CHARSETS[charset].encode(ch)
    except UnicodeEncodeError:
        return False
    return True


def _is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (basic block, extensions A to H); compatibility forms and radicals are folded first."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x323AF


def _unreadable(ch: str) -> bool:
    """U+FFFD, a control character other than tab and line breaks, a surrogate, an unassigned code point, or a
    private-use one outside the area where Word puts symbol-font glyphs."""
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    if category == "Co":
        return not SYMBOL_FONT_AREA[0] <= ord(ch) <= SYMBOL_FONT_AREA[1]
    return category in ("Cs", "Cn") or (category == "Cc" and ch not in _CONTROLS_KEPT)


def text_signs(texts: Iterable[str]) -> TextSigns:
    """The signs of the characters ``texts`` (pdfplumber chars' text, one glyph each), NFKC-folded first: Kangxi
    radicals (⼈) and compatibility ideographs, which some PDF writers emit for common hanzi, count as these."""
    chars = cjk = outside_gb = outside_big5 = unreadable = 0
    for text in texts:
        if text.startswith(UNDEFINED_GLYPH):
            chars += 1
            unreadable += 1
            continue
        for ch in nfkc(text):
            chars += 1
            if _is_cjk(ch):
                cjk += 1
                outside_gb += not _in_charset(ch, "gb2312")
                outside_big5 += not _in_charset(ch, "big5")
            elif _unreadable(ch):
                unreadable += 1
    return TextSigns(chars, cjk, outside_gb, outside_big5, unreadable)


def looks_garbled(signs: TextSigns) -> bool:
    """True when a page's text is too rare or unreadable to be a real document's (then its font maps or content
    are damaged, or its fonts were embedded without a usable map).

    Chinese budget documents are written in common characters: GB2312 holds nearly all running simplified text
    (here, all of it), Big5 traditional text, and a name or place in a rarer character is one among hundreds.
    A garbled map lands anywhere among the 20 992 basic CJK code points (two thirds of them outside GB2312, a
    quarter outside Big5 too) or outside the CJK block (private use, unassigned, controls). So a page is garbled
    only when more than MAX_RARE_SHARE of its CJK characters are outside the set of its script (GB2312 or Big5,
    whichever fits the page better: ``TextSigns.rare``), or more than MAX_UNREADABLE_SHARE of its characters are
    unreadable; real pages measured stay at 0% of both. A single wrong character (购 read as 脭, itself a Big5
    character) cannot be told from a rare real one and passes.
    """
    rare = signs.cjk >= MIN_CJK_CHARS and signs.rare > MAX_RARE_SHARE * signs.cjk
    unreadable = signs.chars >= MIN_CHARS and signs.unreadable > MAX_UNREADABLE_SHARE * signs.chars
    return rare or unreadable
