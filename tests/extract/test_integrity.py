"""What ``extract.integrity`` takes for damage the PDF streams' checksums cannot show: pdfminer's data-loss
warning, a damaged form XObject, and text garbled past belief; and that real text is never taken for it."""

from __future__ import annotations

import logging
import re
import threading
import zlib
from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

import extract
import extract.pdf
from extract import integrity
from extract.integrity import TextSigns, looks_garbled, text_signs
from core.errors import CorruptFileError

SAMPLES = Path(__file__).parents[2] / "samples"
JIZHOU = SAMPLES / "jizhou_court_2023.pdf"
GOAL_TEXT = "项目名称预算规模及资金用途审判执行业务经费数量指标质量指标时效指标服务对象满意度指标值案件受理数量"


# --------------------------------------------------------------------------- the signs of a page's text


def test_goal_table_text_is_plausible() -> None:
    signs = text_signs(GOAL_TEXT + "≥95%（万元）12368")
    assert signs.cjk == len(GOAL_TEXT) + 2 and signs.rare == 0 and signs.unreadable == 0
    assert not looks_garbled(signs)


def test_traditional_text_is_judged_against_big5() -> None:
    traditional = "項目名稱預算規模及資金用途審判執行業務經費數量指標質量指標時效指標服務對象滿意度指標值案件受理數量"
    signs = text_signs(traditional)
    assert signs.outside_gb2312 > 0.3 * signs.cjk and signs.rare == 0
    assert not looks_garbled(signs)


def test_radicals_and_compatibility_forms_count_as_the_hanzi_they_stand_for() -> None:
    signs = text_signs("⼈民法院\uf9b2" * 10)  # Kangxi radical 人, compatibility 零: what some PDF writers emit
    assert signs.cjk == 50 and signs.rare == 0
    assert text_signs("⺠") == TextSigns(chars=1)  # a radical without a hanzi it folds to: a symbol, not judged


def test_a_few_rare_characters_among_common_ones_pass() -> None:
    names = "𬭎𠀾堃"  # a name or place in characters outside GB2312 and Big5
    assert not looks_garbled(text_signs(GOAL_TEXT + names))


def test_text_from_a_garbled_map_is_garbled() -> None:
    shifted = "".join(chr(ord(ch) + 0x123) for ch in GOAL_TEXT)  # every glyph mapped 291 code points off
    signs = text_signs(shifted)
    assert signs.rare > integrity.MAX_RARE_SHARE * signs.cjk
    assert looks_garbled(signs)


@pytest.mark.parametrize("junk", ["\ue123", "\ufffd", "\x07", "\U0010fffd"])
def test_unreadable_characters_are_garbled_past_a_share(junk: str) -> None:
    assert text_signs(junk).unreadable == 1
    assert not looks_garbled(text_signs(GOAL_TEXT + junk * 2))
    assert looks_garbled(text_signs(GOAL_TEXT + junk * 10))


def test_unmapped_glyphs_are_unreadable_and_symbol_font_glyphs_are_not() -> None:
    assert text_signs(["(cid:12)", "(cid:7)", "a"]) == TextSigns(chars=3, unreadable=2)
    assert text_signs("\uf0fe\uf06e").unreadable == 0  # Wingdings ☑ and ■ as Word maps them


def test_short_pages_are_not_judged_by_their_share() -> None:
    assert not looks_garbled(text_signs("\ue123" * (integrity.MIN_CHARS - 1)))
    assert not looks_garbled(text_signs("".join(chr(0x3400 + i) for i in range(integrity.MIN_CJK_CHARS - 1))))


# --------------------------------------------------------------------------- pdfminer's data-loss warning


def _warn_data_loss() -> None:
    logging.getLogger(integrity.PDFMINER_STREAM_LOGGER).warning(integrity.DATA_LOSS_MESSAGE)


def test_the_watch_counts_data_loss_even_where_pdfminer_is_silenced() -> None:
    logger = logging.getLogger(integrity.PDFMINER_STREAM_LOGGER)
    logger.setLevel(logging.ERROR)
    try:
        with integrity.watch_data_loss() as losses:
            _warn_data_loss()
            logger.warning("Some other warning")
        assert losses.lost == 1
        assert logger.level == logging.ERROR and losses not in logger.handlers
    finally:
        logger.setLevel(logging.NOTSET)


def test_the_watch_ignores_other_threads() -> None:
    with integrity.watch_data_loss() as losses:
        other = threading.Thread(target=_warn_data_loss)
        other.start()
        other.join()
    assert losses.lost == 0


def test_data_loss_while_a_page_is_parsed_fails_that_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever stream pdfminer reports data loss in while parsing page 3 (a font's object stream, a pattern)."""
    parse = extract.pdf.page_objects

    def lossy(page):
        if page.page_number == 3:
            _warn_data_loss()
        return parse(page)

    monkeypatch.setattr(extract.pdf, "page_objects", lossy)
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(JIZHOU)
    assert info.value.where == "第 3 页 page 3" and "compressed data holding the page's text" in str(info.value)


def test_data_loss_outside_any_page_fails_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = extract.pdf.triage.plan

    def lossy(path, n_pages):
        _warn_data_loss()  # as an object stream inflated when the document is opened
        return plan(path, n_pages)

    monkeypatch.setattr(extract.pdf.triage, "plan", lossy)
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(JIZHOU)
    assert info.value.where is None and "compressed data inside it is damaged" in str(info.value)


# --------------------------------------------------------------------------- form XObjects


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, attrs: bytes = b"") -> bytes:
    return b"<<%s/Length %d>>\nstream\n%s\nendstream" % (attrs, len(data), data)


def _form_pdf(form_data: bytes) -> bytes:
    """One page whose only text, a line in Helvetica, is drawn by a Flate form XObject holding ``form_data``."""
    font = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
    return _pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents 4 0 R/Resources<</XObject<</X1 5 0 R>>>>>>",
        _stream(b"q /X1 Do Q"),
        _stream(form_data, b"/Type/XObject/Subtype/Form/BBox[0 0 600 800]/Resources<</Font<</F1 6 0 R>>>>"
                           b"/Filter/FlateDecode"),
        font,
    ])


FORM_TEXT = b"BT /F1 12 Tf 72 700 Td (The goal table drawn through a form) Tj ET"


def test_text_drawn_through_a_form_is_read(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(_form_pdf(zlib.compress(FORM_TEXT)))
    assert [b.text for b in extract.read_document(path).blocks] == ["The goal table drawn through a form"]


def test_a_damaged_form_fails_its_page_instead_of_losing_its_text(tmp_path: Path) -> None:
    damaged = bytearray(zlib.compress(FORM_TEXT))
    damaged[4] ^= 0xFF  # pdfminer would inflate nothing and read the page as empty
    path = tmp_path / "form.pdf"
    path.write_bytes(_form_pdf(bytes(damaged)))
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(path)
    assert info.value.where == "第 1 页 page 1" and "compressed data holding the page's text" in str(info.value)


# --------------------------------------------------------------------------- garbled maps in a real file


def _with_object(data: bytes, number: int, body: bytes) -> bytes:
    """``data`` with object ``number`` replaced by ``body`` in an incremental update, as a PDF editor saves it."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S)[-1]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))
    root = re.search(rb"/Root (\d+ \d+ R)", trailer).group(1)
    out = data if data.endswith(b"\n") else data + b"\n"
    at = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    return out + (b"xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d/Root %s/Prev %d>>\nstartxref\n%d\n%%%%EOF\n"
                  % (number, at, size, root, prev, xref))


def _first_font_map(path: Path) -> tuple[int, bytes]:
    """The object number and text of the ToUnicode map of page 1's first font."""
    with path.open("rb") as handle:
        page = next(PDFPage.create_pages(PDFDocument(PDFParser(handle))))
        font = resolve1(next(iter(resolve1(resolve1(page.resources)["Font"]).values())))
        return font["ToUnicode"].objid, resolve1(font["ToUnicode"]).get_data()


def _rewritten(tmp_path: Path, cmap: bytes) -> Path:
    """The Jizhou sample with page 1's font map replaced by ``cmap``, uncompressed: no checksum guards it then,
    so only what the text looks like can tell."""
    number, _ = _first_font_map(JIZHOU)
    path = tmp_path / "remapped.pdf"
    path.write_bytes(_with_object(JIZHOU.read_bytes(), number, _stream(cmap)))
    return path


def _remapped(tmp_path: Path, remap) -> Path:
    """The Jizhou sample with its font map's destinations (UTF-16 code units) passed through ``remap``."""
    _, cmap = _first_font_map(JIZHOU)
    dest = re.compile(rb"(<[0-9A-Fa-f]{2,4}>\s*)<([0-9A-Fa-f]{4})>")
    changed = dest.sub(lambda m: m.group(1) + b"<%04X>" % remap(int(m.group(2), 16)), cmap)
    assert changed != cmap
    return _rewritten(tmp_path, changed)


def test_the_map_rewritten_uncompressed_reads_as_the_original(tmp_path: Path) -> None:
    path = _rewritten(tmp_path, _first_font_map(JIZHOU)[1])
    assert extract.read_document(path).blocks == extract.read_document(JIZHOU).blocks


@pytest.mark.parametrize("remap", [
    lambda u: u + 0x123 if 0x4E00 <= u <= 0x9E00 and u % 2 else u,  # half the hanzi mapped elsewhere
    lambda u: u - 0x4E00 + 0xE000 if 0x4E00 <= u <= 0x5A00 else u,  # hanzi mapped into the private use area
], ids=["half-shifted", "private-use"])
def test_a_garbled_font_map_fails_the_page(tmp_path: Path, remap) -> None:
    with pytest.raises(CorruptFileError) as info:
        extract.read_document(_remapped(tmp_path, remap))
    message = str(info.value)
    assert info.value.where == "第 1 页 page 1"
    assert "乱码" in message and "reads as gibberish" in message, message


def test_one_wrong_character_is_beyond_the_check(tmp_path: Path) -> None:
    """购 read as 脭 (a real Big5 character): as plausible as a rare name, so it loads; a checksum catches it only
    where the map is compressed (``extract.pdfstreams``)."""
    path = _remapped(tmp_path, lambda u: 0x812D if u == 0x8D2D else u)
    texts = [c.text for t in extract.read_document(path).tables for r in t.rows for c in r.cells]
    assert any("脭" in text for text in texts)
