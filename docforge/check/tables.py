"""The tables of a canonical report as the checks see them: caption, kind, unit, notes, typed cells, sides.

The tables branch writes typed tables (``kind``, ``<unit>``, ``<tablenotes>``,
cells with ``type``/``value``/``level``). A report converted before that, or a
hand-made XML, has none of it; :func:`read_tables` is the one place that fills
the gaps from the text (the caption from the title line above the table, the
kind from the caption, the type of a cell from what it says), so every check
reads the same :class:`Table` either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from lxml import etree

from docforge.check.statements import MONEY_SCALE, location
from docforge.model.xml import cell_text, q, table_grid
from docforge.text.standard_tables import TableKind, standard_table_kind
from docforge.text.table_cells import CODE_HEADER, CODE_LEVELS, PERCENT_CELL, is_code_part_header
from docforge.text.units import MONEY_UNIT_PATTERN

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DASH = re.compile(r"^[-—–－/／]+$")
_UNIT_LINE = re.compile(rf"(?:金额)?单位[:：]\s*({MONEY_UNIT_PATTERN})")
_LABEL_HEADER = re.compile(
    r"^(?:序号|编号|项目|科目|科目名称|名称|单位名称|项目名称|指标)$|编码|代码"
)
_CODE = re.compile(r"^\d{2,7}$")
_NO_DATA = re.compile(r"本表无数据|无数据|为空表|本表为空")
# ``编制部门：上海市普陀区司法局`` on the unit line of a budget table.
_COMPILER = re.compile(r"编制(?:部门|单位)[:：]\S*?(?=单位[:：]|$)")
_NOTE_LINE = re.compile(r"^(?:注|说明|备注)[:：]")
TOTAL = re.compile(r"(?:合计|总计|小计)$")
GRAND_TOTAL = re.compile(r"总计$")
SUBTOTAL = re.compile(r"小计$")
# ``一、一般公共服务支出``, ``（一）…``: an item numbered in the label itself.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])"
)


@dataclass(frozen=True)
class Cell:
    """One grid slot's cell: its ``type`` (amount, percent, code, text, empty) and, for figures, its value."""

    type: str
    text: str
    value: Decimal | None
    level: int | None
    element: etree._Element

    @property
    def places(self) -> int:
        if self.value is None:
            return 0
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class Column:
    index: int
    path: tuple[
        str, ...
    ]  # the header labels above the column, top to bottom, each spanning cell once
    is_label: bool
    is_code: bool

    @property
    def label(self) -> str:
        return "/".join(self.path)


@dataclass
class Row:
    index: int
    cells: dict[int, Cell]
    element: etree._Element

    def label(self, columns: list[Column]) -> str:
        """The row's words in the given label columns (``合计``, ``一、一般公共服务支出``), codes left out."""
        seen, parts = set(), []
        for column in columns:
            cell = self.cells.get(column.index)
            if cell is None or id(cell.element) in seen or cell.type not in ("text",):
                continue
            seen.add(id(cell.element))
            if column.is_code and cell.text.isdigit():
                continue
            if cell.text not in ("类", "款", "项"):
                parts.append(cell.text)
        return "".join(parts)

    def code(self, columns: list[Column]) -> str:
        """The 科目编码 of the row, its 类/款/项 parts joined when the table prints them in columns.

        Digits in a code column count whatever type the cell was given: a split ``201 | 06 | 01``
        is 2010601 (项) even when only its first part is typed as a code.
        """
        seen, code = set(), ""
        for column in columns:
            cell = self.cells.get(column.index)
            if cell is None or id(cell.element) in seen:
                continue
            seen.add(id(cell.element))
            if cell.type == "code" or (column.is_code and cell.text.isdigit()):
                code += cell.text
        return code if len(code) in CODE_LEVELS else ""


@dataclass
class Side:
    """One side of a table: its label columns and the value columns to their right (收入 | 支出 apart)."""

    label_columns: list[Column]
    value_columns: list[Column]


@dataclass
class Table:
    element: etree._Element
    caption: str
    kind: TableKind | None
    unit: str | None
    notes: str
    columns: list[Column]
    rows: list[Row]
    section: str | None
    src: str | None
    sides: list[Side] = field(default_factory=list)

    @property
    def name(self) -> str:
        """How a finding names the table: its caption, else its position in the source."""
        return self.caption or f"（{self.src or '未知位置'}的表格）"

    @property
    def id(self) -> str | None:
        return self.element.get("id")

    @property
    def scale(self) -> Decimal:
        """How many 万元 one unit of the table is (万元 when the table does not say)."""
        return MONEY_SCALE.get(self.unit or "万元", Decimal(1))

    @cached_property
    def has_figures(self) -> bool:
        return any(
            c.type in ("amount", "percent") and c.value for r in self.rows for c in r.cells.values()
        )

    @property
    def says_no_data(self) -> bool:
        return bool(_NO_DATA.search(self.notes))


def clean(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text.replace("−", "-").replace(",", "")) if text else None
    except InvalidOperation:
        return None


def read_cell(el: etree._Element) -> Cell:
    """A typed cell as written (``type``/``value``/``level``), or typed here from its text."""
    text = cell_text(el)
    typed = el.get("type")
    if typed:
        level = el.get("level")
        return Cell(typed, text, _decimal(el.get("value")), int(level) if level else None, el)
    if not text or _DASH.match(text):
        return Cell("empty", text, None, None, el)
    amounts = el.findall(q("amount"))
    if len(amounts) == 1 and clean(amounts[0].text) == text and amounts[0].get("kind") == "percent":
        return Cell("percent", text, _decimal(amounts[0].get("value")), None, el)
    if m := PERCENT_CELL.match(text):
        return Cell("percent", text, _decimal(m.group("number")), None, el)
    if _NUMBER.match(text):
        return Cell("amount", text, _decimal(text), None, el)
    return Cell("text", text, None, None, el)


def _header_rows(head: int, cells: list[dict[int, Cell]]) -> int:
    """Leading body rows that are headers in fact: words only, no item numbers, before the first figures."""
    first_figures = next(
        (
            i
            for i, row in enumerate(cells)
            if any(c.type in ("amount", "percent") for c in row.values())
        ),
        None,
    )
    if first_figures is None:
        return head
    extra = 0
    for row in cells[head:first_figures]:
        texts = [c.text for c in row.values() if c.type == "text"]
        if any(NUMBERED.match(t) for t in texts):
            break
        extra += 1
    return head + extra


def _columns(
    width: int, grid: list[dict[int, etree._Element]], cells: list[dict[int, Cell]], head: int
) -> list[Column]:
    columns = []
    for c in range(width):
        path: list[str] = []
        previous = None
        for r in range(head):
            el = grid[r].get(c)
            if el is None or el is previous:
                continue
            previous = el
            if text := cell_text(el):
                path.append(text)
        body = [row[c] for row in cells[head:] if c in row and row[c].type != "empty"]
        texts = sum(
            1 for cell in body if cell.type == "text" and cell.text not in ("类", "款", "项")
        )
        numbers = [cell for cell in body if cell.type in ("amount", "percent", "code")]
        leading = all(col.is_label for col in columns)
        is_code = any(CODE_HEADER.search(p) or is_code_part_header(p) for p in path) or (
            leading
            and bool(numbers)
            and all(
                cell.type == "code"
                or (cell.type == "amount" and len(cell.text) in CODE_LEVELS and cell.text.isdigit())
                for cell in numbers
            )
        )
        named = bool(path) and bool(_LABEL_HEADER.search(path[-1]))
        is_label = is_code or named or texts > len(numbers)
        columns.append(Column(c, tuple(path), is_label, is_code))
    return columns


def _retype_codes(columns: list[Column], cells: list[dict[int, Cell]]) -> None:
    """Integers in a 科目编码 column are codes, not amounts (only when the XML did not type them)."""
    for column in columns:
        if not column.is_code:
            continue
        for row in cells:
            cell = row.get(column.index)
            if (
                cell is not None
                and cell.element.get("type") is None
                and cell.type == "amount"
                and _CODE.match(cell.text)
            ):
                row[column.index] = Cell("code", cell.text, None, None, cell.element)


def _sides(columns: list[Column]) -> list[Side]:
    if columns and not any(c.is_label for c in columns):
        return [Side([], list(columns))]
    sides: list[Side] = []
    for column in columns:
        if column.is_label:
            if not sides or sides[-1].value_columns:
                sides.append(Side([], []))
            sides[-1].label_columns.append(column)
        elif sides:
            sides[-1].value_columns.append(column)
    return [s for s in sides if s.value_columns]


def _context(table: etree._Element) -> tuple[str, str | None, str]:
    """The caption, unit and notes printed around an untyped table: title and unit lines above, 注 lines below."""
    caption, unit = "", None
    before = table.getprevious()
    for _ in range(3):
        if before is None or before.tag != q("p"):
            break
        text = cell_text(before)
        if m := _UNIT_LINE.search(text):
            unit = unit or m.group(1)
            text = text[: m.start()] + text[m.end() :]
        text = _COMPILER.sub("", text)
        if (
            text
            and len(text) <= 60
            and (standard_table_kind(text) is not None or text.endswith("表"))
        ):
            caption = text
            break
        if text:
            break
        before = before.getprevious()
    notes = []
    after = table.getnext()
    for _ in range(4):
        if after is None or after.tag != q("p"):
            break
        text = cell_text(after)
        if not _NOTE_LINE.match(text) and not _NO_DATA.search(text) and "本表" not in text:
            break
        notes.append(text)
        after = after.getnext()
    return caption, unit, "\n".join(notes)


def read_table(el: etree._Element) -> Table:
    """One ``<table>`` with what the checks need of it."""
    caption_el, unit_el, notes_el = (
        el.find(q("caption")),
        el.find(q("unit")),
        el.find(q("tablenotes")),
    )
    caption, unit, notes = _context(el)
    if caption_el is not None and cell_text(caption_el):
        caption = " ".join("".join(caption_el.itertext()).split())
        if m := _UNIT_LINE.search(caption):
            unit = unit or m.group(1)
    if unit_el is not None and (m := re.search(MONEY_UNIT_PATTERN, cell_text(unit_el))):
        unit = m.group(0)
    if notes_el is not None:
        notes = "\n".join(filter(None, (notes, cell_text(notes_el))))
    kind_attr = el.get("kind")
    try:
        kind = (
            TableKind(kind_attr) if kind_attr else standard_table_kind(caption) if caption else None
        )
    except ValueError:
        kind = None
    head_el, body_el = el.find(q("thead")), el.find(q("tbody"))
    head_rows = list(head_el) if head_el is not None else []
    body_rows = list(body_el) if body_el is not None else [tr for tr in el if tr.tag == q("tr")]
    trs = head_rows + body_rows
    grid = table_grid(trs)
    cells = [{c: read_cell(cell) for c, cell in row.items()} for row in grid]
    head = _header_rows(len(head_rows), cells)
    width = max((max(row) + 1 for row in grid if row), default=0)
    columns = _columns(width, grid, cells, head)
    _retype_codes(columns, cells)
    rows = [
        Row(i, cells[i], trs[i])
        for i in range(head, len(trs))
        if any(c.type != "empty" for c in cells[i].values())
    ]
    section, src = location(el)
    table = Table(el, caption, kind, unit, notes, columns, rows, section, src)
    table.sides = _sides(columns)
    return table


def read_tables(root: etree._Element) -> list[Table]:
    """Every table of the report's body, in document order."""
    body = root.find(q("body"))
    return [read_table(el) for el in body.iter(q("table"))] if body is not None else []
