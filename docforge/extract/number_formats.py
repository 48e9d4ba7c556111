"""Word's number formats (``w:numFmt``): a counter value as the text Word shows.

Covers the formats Chinese government documents use (Chinese counting,
enclosed circles, full-width digits, heavenly stems) and the Latin ones.
An unknown format falls back to decimal, as Word itself does.
"""

from __future__ import annotations

from collections.abc import Callable

from docforge.text.numerals import HAN_DIGITS, han_counting

_COUNTING_DIGITS = "○一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def chinese_counting(n: int) -> str:
    """Word's ``chineseCounting``: 一 … 九十九 read out, larger numbers digit by digit
    with ○ (U+25CB) for zero: 一○○ ([MS-DOCX] 2.4 lists 一, 十, 一○○)."""
    if 0 < n < 100:
        return han_counting(n)
    return "".join(_COUNTING_DIGITS[int(d)] for d in str(n))


def chinese_counting_thousand(n: int) -> str:
    """Word's ``chineseCountingThousand``: 一百零一, 一千二百."""
    return han_counting(n)


def japanese_counting(n: int) -> str:
    """Word's ``japaneseCounting``: 十, 百, 千 without a leading 一 and no 零 (千十 for 1010)."""
    if not 0 < n < 10000:
        return han_counting(n) if n > 0 else str(n)
    parts = []
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d:
            parts.append(("" if d == 1 and unit else HAN_DIGITS[d]) + unit)
    return "".join(parts)


def chinese_legal(n: int) -> str:
    """Word's ``chineseLegalSimplified``: 壹, 贰拾, 壹佰零壹 (the digits used on cheques)."""
    return han_counting(n, _LEGAL_DIGITS, "拾佰仟", drop_leading_one=False)


def enclosed_circle(n: int) -> str:
    """①…⑳, ㉑…㉟, ㊱…㊿; beyond fifty Word prints plain digits."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def full_width(n: int) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in str(n))


def letters(n: int, upper: bool) -> str:
    """A…Z, then AA, BB … (Word repeats the letter rather than counting in base 26)."""
    if n <= 0:
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    text = "".join(out)
    return text if upper else text.lower()


def _ordinal_set(alphabet: str) -> Callable[[int], str]:
    """A closed set of ordinals (甲乙丙…): past its end, plain digits, as LibreOffice renders Word's lists."""
    return lambda n: alphabet[n - 1] if 0 < n <= len(alphabet) else str(n)


FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": full_width,
    "decimalFullWidth2": full_width,
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": enclosed_circle,
    "decimalEnclosedCircleChinese": enclosed_circle,
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting_thousand,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting_thousand,
    "ideographDigital": lambda n: "".join(HAN_DIGITS[int(d)] for d in str(n)),
    "japaneseCounting": japanese_counting,
    "chineseLegalSimplified": chinese_legal,
    "ideographTraditional": _ordinal_set(_STEMS),
    "ideographZodiac": _ordinal_set(_BRANCHES),
    "upperLetter": lambda n: letters(n, True),
    "lowerLetter": lambda n: letters(n, False),
    "upperRoman": lambda n: roman(n, True),
    "lowerRoman": lambda n: roman(n, False),
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` as Word shows it in format ``fmt`` (``bullet`` has no number)."""
    if fmt == "bullet":
        return ""
    return FORMATTERS.get(fmt, str)(n)
