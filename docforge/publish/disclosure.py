"""The disclosure metadata of an archived version (索引号, 发布机构, 文号, 发布日期 …), for ``catalog.json``."""

from __future__ import annotations

from lxml import etree

from docforge.model.xml import q


def read_disclosure(root: etree._Element) -> dict[str, str]:
    """The report's ``<meta><disclosure>`` fields by name (dates in ISO form when known); empty when none."""
    block = root.find(f"{q('meta')}/{q('disclosure')}")
    if block is None:
        return {}
    return {etree.QName(el).localname: el.get("iso") or (el.text or "") for el in block}
