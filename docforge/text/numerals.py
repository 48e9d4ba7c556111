"""Chinese numerals, read and written: the one place that knows ``十一`` is 11 and 105 is ``一百零五``."""

from __future__ import annotations

HAN_DIGITS = "〇一二三四五六七八九"
HANZI_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
HANZI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Every character a Chinese numeral label may be written with.
HANZI = "零〇一二两三四五六七八九十百千"


def hanzi_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as ``十一`` or ``二十三``; None if malformed."""
    if not text or any(ch not in HANZI for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in HANZI_DIGITS:
            current = HANZI_DIGITS[ch]
        else:
            total += (current or 1) * HANZI_UNITS[ch]
            current = 0
    return total + current or None


def han_counting(
    n: int,
    digits: str = HAN_DIGITS,
    units: str = "十百千",
    drop_leading_one: bool = True,
    zero: str = "零",
) -> str:
    """The positional Chinese reading of ``n``: 一百零一, 二十, 十一, 一万零五.

    ``digits`` and ``units`` choose the character set (壹贰…/拾佰仟 for the legal
    form); ``drop_leading_one`` writes 十一 rather than 一十一, as labels do.
    """
    if n == 0:
        return digits[0]
    if n >= 10000:
        rest = n % 10000
        return (
            han_counting(n // 10000, digits, units, drop_leading_one, zero)
            + "万"
            + (
                (zero if rest < 1000 else "") + han_counting(rest, digits, units, False, zero)
                if rest
                else ""
            )
        )
    parts: list[str] = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append(zero)
            pending_zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    if drop_leading_one and 10 <= n < 20:
        text = text[1:]
    return text


def int_to_hanzi(value: int) -> str:
    """``11`` → ``十一``, ``20`` → ``二十``, ``105`` → ``一百零五``, ``1000`` → ``一千``."""
    return han_counting(value, digits="零一二三四五六七八九")
