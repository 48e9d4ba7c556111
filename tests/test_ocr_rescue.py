"""Lines Tesseract's page layout loses or doubts are found by their ink and read again alone."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docforge.extract.ocr_page import ocr_image
from docforge.extract.ocr_rescue import doubtful, leftover_pieces
from docforge.extract.ocr_tesseract import Word
from docforge.extract.pdf_lines import page_rows, run_text

EM = 40  # pixels


def word(text: str, left: int, top: int, conf: float, line: int = 1) -> Word:
    return Word(text, left, top, EM * len(text), EM, (1, 1, line), conf)


def ink_page(*boxes: tuple[int, int, int, int]) -> np.ndarray:
    """A page's ink mask with a solid block of ink in each (left, top, right, bottom)."""
    ink = np.zeros((600, 900), dtype=bool)
    for left, top, right, bottom in boxes:
        ink[top:bottom, left:right] = True
    return ink


def test_ink_no_line_stands_over_is_a_piece_to_read() -> None:
    line = [word("预算执行", 100, 100, 93)]
    ink = ink_page((100, 100, 260, 140), (100, 178, 180, 218))  # a read line, a lost short line
    [piece] = leftover_pieces(ink, [line], EM)
    assert (piece.left, piece.top, piece.right, piece.bottom) == (100, 178, 180, 218)


def test_a_character_with_a_white_row_inside_is_one_piece() -> None:
    """会 is 人 over 云: its two parts are one line, not two bands too thin to read."""
    ink = ink_page((100, 300, 140, 316), (100, 322, 140, 340))
    [piece] = leftover_pieces(ink, [], EM)
    assert (piece.top, piece.bottom) == (300, 340)


def test_specks_rules_and_pictures_are_not_pieces() -> None:
    ink = ink_page(
        (100, 100, 104, 104),  # a speck
        (100, 200, 800, 203),  # a thin rule left over
        (300, 300, 700, 560),  # a picture, many lines tall
    )
    assert leftover_pieces(ink, [], EM) == []


def test_a_short_line_read_unsurely_or_a_line_with_an_unsure_label_is_doubtful() -> None:
    assert doubtful([word("人", 100, 100, 67), word("冯", 104, 120, 0)], EM)
    assert not doubtful([word("资金", 100, 100, 93), word("。", 180, 100, 93)], EM)
    lead = [word("4", 100, 100, 87), word("和", 120, 100, 54), word("4.", 140, 100, 68)]
    body = [word("人员管理", 200, 100, 92), word("指标分值", 360, 100, 93)]
    assert doubtful(lead + body, EM)
    unsure_later = [word("4.", 100, 100, 92), *body, word("供养", 520, 100, 40)]
    assert not doubtful(unsure_later, EM)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_lost_one_character_last_line_is_read() -> None:
    """A paragraph ending in a line of one character (会) keeps it; so does one ending in 资金。."""
    dpi = 200
    em = round(16 * dpi / 72)
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", em, 2)
    image = Image.new("RGB", (1654, 1000), "white")
    draw = ImageDraw.Draw(image)
    rows = [
        (2 * em + 200, "2021年年末财授权支付余额予以收回财政总"),
        (200, "预算，年度预算执行中没有结转结余的"),
        (200, "资金。"),
        (2 * em + 200, "市政协共有办公室、提案委员会、经济委员"),
        (200, "会"),
        (2 * em + 200, "本年度完成了全部的工作任务和考核目标。"),
    ]
    for i, (x, text) in enumerate(rows):
        draw.text((x, 150 + i * em * 1.8), text, font=font, fill="black")
    page = ocr_image(image, 1, dpi)
    texts = [run_text(row) for row in page_rows(list(page.chars))]
    assert len(texts) == len(rows), texts
    assert texts[2] == "资金。"
    assert texts[4] == "会"
