"""The HTML page of one report, from its canonical XML, through the Jinja2 template ``report.html.j2``."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docforge.render.assets import asset_text, environment
from docforge.render.report_view import read_report_view
from docforge.render.site_chrome import DEFAULT_SITE_NAME, default_site

DEFAULT_PORTAL_NAME = DEFAULT_SITE_NAME
# The stylesheet every page of the site shares (header, footer, 关怀模式), put in front of each
# page family's own, so the chrome is written once.
CHROME_STYLESHEET = "site-chrome.css"


@dataclass(frozen=True)
class VersionLink:
    """One published version of a report, for the version list on its page."""

    number: int
    published: str
    href: str
    conversion_href: str = ""
    current: bool = False
    published_text: str = ""  # the time as readers see it (the site's time zone)
    note: str = ""  # what changed in this version


@dataclass(frozen=True)
class PageLinks:
    """Where the page links to; empty strings leave a link out."""

    stylesheet: str = "report.css"
    pdf: str = ""
    xml: str = ""
    home: str = ""
    portal_name: str = DEFAULT_PORTAL_NAME
    versions: tuple[VersionLink, ...] = ()
    root: str = ""  # from the page to the site's top, for the header and footer
    canonical: str = ""  # the page's absolute address (site.toml base_url)
    noindex: bool = False  # an editor's preview: kept out of search engines
    banner: str = ""  # above the title: this is an earlier version…
    current: str = ""  # … and where the current one is
    source: str = ""  # the original file, for download …
    source_name: str = ""  # … under this clean name
    note: str = ""  # what changed in this version
    department: str = ""
    year_label: str = ""
    notice: str = ""  # a neutral line above the contents, e.g. figures published with open findings
    tables: str = ""  # the folder of the tables' CSV/JSON files (``t1.csv``), with its slash


def render_html(
    root: etree._Element,
    links: PageLinks | None = None,
    created: str = "",
    site: object | None = None,
) -> str:
    """The page; ``created`` (a W3C date) dates the rendition, as the PDF's metadata needs.

    ``site`` is the portal's ``SiteConfig`` (``site.toml``, from ``docforge.publish.config``;
    render does not import publish): it fills the header and footer. Without it the page
    stands alone, named ``links.portal_name``, with ``site_chrome.default_site``.
    """
    view = read_report_view(root)
    links = links or PageLinks()
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            report=view,
            links=links,
            created=created,
            root=links.root if links.home else None,
            site=site or default_site(links.portal_name),
        )
    )


def chrome_stylesheet(name: str) -> str:
    """A page family's stylesheet with the shared chrome in front of it."""
    return asset_text(CHROME_STYLESHEET) + "\n" + asset_text(name)


def stylesheet_text() -> str:
    return chrome_stylesheet("report.css")
