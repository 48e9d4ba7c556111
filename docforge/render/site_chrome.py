"""What the shared page header and footer show about the site, and how reports group by kind.

STAND-IN: the portal branch builds ``docforge.publish.config.SiteConfig`` from ``site.toml``.
Until it lands, this is the one place with the contract's attribute names the templates read
(``site.name``, ``site.host_org`` …). When ``SiteConfig`` is on main, ``default_site`` returns
``SiteConfig()`` and this dataclass goes; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_SITE_NAME = "部门绩效信息公开平台"
OTHER_KIND_HEADING = "其他报告"


@dataclass(frozen=True)
class ReportKindGroup:
    """One index heading and the words in a report's kind that put it under that heading."""

    name: str
    heading: str
    words: tuple[str, ...]

    def takes(self, kind: str | None) -> bool:
        return bool(kind) and any(word in kind for word in self.words)


# The portal's families (genre.md); the first group whose word is in the kind takes the report,
# so the narrow families come before the broad one (a 预算绩效 report is a performance report).
DEFAULT_KINDS = (
    ReportKindGroup("disclosure-annual", "政府信息公开工作年度报告", ("信息公开",)),
    ReportKindGroup("performance", "部门整体支出绩效报告", ("绩效",)),
    ReportKindGroup("final-accounts", "部门决算", ("决算",)),
    ReportKindGroup("budget", "部门预算", ("预算",)),
)


@dataclass(frozen=True)
class SiteChrome:
    """The attributes of the contract's ``SiteConfig`` that pages show (see module docstring)."""

    name: str = DEFAULT_SITE_NAME
    host_org: str = ""
    operator_org: str = ""
    site_code: str = ""
    icp: str = ""
    icp_url: str = "https://beian.miit.gov.cn/"
    police: str = ""
    police_url: str = ""
    contact: str = ""
    logo: str = ""
    favicon: str = ""
    base_url: str = "http://localhost:8000/"
    timezone: str = "Asia/Shanghai"
    fonts: dict[str, str] = field(default_factory=dict)
    kinds: tuple[ReportKindGroup, ...] = DEFAULT_KINDS


def default_site(name: str = DEFAULT_SITE_NAME) -> SiteChrome:
    return SiteChrome(name=name)


def kind_heading(kinds: tuple[ReportKindGroup, ...], kind: str | None) -> tuple[int, str]:
    """The index heading a report's kind falls under, with its place in the site's order."""
    for place, group in enumerate(kinds):
        if group.takes(kind):
            return place, group.heading
    return len(kinds), OTHER_KIND_HEADING
