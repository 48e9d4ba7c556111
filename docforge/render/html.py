"""The HTML page of one report, from its canonical XML, through the Jinja2 template ``report.html.j2``."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docforge.render.assets import asset_text, environment
from docforge.render.report_view import read_report_view

DEFAULT_PORTAL_NAME = "部门绩效信息公开平台"




@dataclass(frozen=True)
class VersionLink:
    """One published version of a report, for the version list on its page."""

    number: int
    published: str
    href: str
    conversion_href: str = ""
    current: bool = False


@dataclass(frozen=True)
class PageLinks:
    """Where the page links to; empty strings leave a link out."""

    stylesheet: str = "report.css"
    pdf: str = ""
    xml: str = ""
    home: str = ""
    portal_name: str = DEFAULT_PORTAL_NAME
    versions: tuple[VersionLink, ...] = ()
    notice: str = ""  # a neutral line above the contents, e.g. figures published with open findings


def render_html(root: etree._Element, links: PageLinks | None = None, created: str = "") -> str:
    """The page; ``created`` (a W3C date) dates the rendition, as the PDF's metadata needs."""
    view = read_report_view(root)
    return environment().get_template("report.html.j2").render(
        report=view, links=links or PageLinks(), created=created)


def stylesheet_text() -> str:
    return asset_text("report.css")
