"""A pdfplumber page whose chars carry only what the reader reads of them.

pdfplumber turns every object pdfminer lays out into a dict of some twenty
attributes, each passed through ``resolve_all`` (matrix, font name, colour
spaces, both colours, marked-content tags ...). The reader reads six of a
char's: its text and its box (``extract.pdfchars.Char``). On the
goal-table pages of a bureau budget (some 2 000-4 000 chars against a few
hundred ruling lines) that dict building took 44-57 ms CPU of a 200-320 ms
read, against 100-190 ms for pdfminer's interpretation of the content
streams; lean, 5-9 ms (issue 16, the three ``benchmarks/data`` budgets).

Only chars are built lean: lines, rects, curves and images still go through
pdfplumber's own ``process_object``, so the edges its table finder works on
are exactly pdfplumber's. A lean char's values are computed by the same
expressions, in the same order, as pdfplumber 0.11's, so they are the same
floats; ``tests/extract/test_pdfpage.py`` checks them against pdfplumber's
own dicts on real pages.
"""

from __future__ import annotations

from typing import Any
from unicodedata import normalize

from pdfminer.layout import LTChar, LTItem
from pdfplumber.page import Page

CHAR_KEYS = ("object_type", "page_number", "text", "x0", "x1", "top", "bottom", "size")
"""What a lean char holds: pdfplumber's ``object_type`` (its ``objects`` sorts by it) and what the reader reads."""


class LeanPage(Page):
    """A pdfplumber ``Page`` whose chars hold only ``CHAR_KEYS``; every other object is pdfplumber's own dict."""

    @classmethod
    def of(cls, page: Page) -> LeanPage:
        """The lean twin of ``page`` (same document, page object, number and position); nothing is parsed yet."""
        return cls(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        """pdfplumber's dict for ``obj``, cut to ``CHAR_KEYS`` for a char (see the module's docstring)."""
        if not isinstance(obj, LTChar):
            return super().process_object(obj)
        text = obj.get_text()
        if self.pdf.unicode_norm is not None:
            text = normalize(self.pdf.unicode_norm, text)
        # pdfplumber's own arithmetic (Page.process_object): pdfminer's y grows upwards from the MediaBox corner.
        mb_x0, mb_top = self.mediabox[:2]
        height = self.height
        x0, x1 = obj.x0, obj.x1
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        return {
            "object_type": "char",
            "page_number": self.page_number,
            "text": text,
            "x0": x0,
            "x1": x1,
            "top": (height - obj.y1) + mb_top,
            "bottom": (height - obj.y0) + mb_top,
            "size": obj.size,
        }
