"""The portal's own settings, read from ``site.toml``: who runs the site, where it is served,
which report kinds it lists and when a report may go live without an editor.

Everything has a working default, so ``SiteConfig()`` alone publishes a site; an operator's
file only says what differs. A file that cannot be used is refused with one Chinese line
naming the file and the setting (``ConfigError``), never half applied.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from docforge.render.html import DEFAULT_PORTAL_NAME

DEFAULT_NAME = DEFAULT_PORTAL_NAME
DEFAULT_BASE_URL = "http://localhost:8000/"
DEFAULT_TIMEZONE = "Asia/Shanghai"
FONT_ROLES = ("title", "body", "heading1", "heading2", "heading3")
METADATA_FIELDS = ("title", "department", "year", "kind")


class ConfigError(Exception):
    """A ``site.toml`` that cannot be used; ``str()`` is the one line the operator sees."""

    def __init__(self, path: Path | str, setting: str, cause: str) -> None:
        self.path, self.setting, self.cause = Path(path), setting, cause
        where = f"{setting}：" if setting else ""
        super().__init__(f"站点配置文件 {path} 有误：{where}{cause}")


@dataclass(frozen=True)
class ReportKind:
    """One kind of report the portal lists: its name, its heading on the index, its address part.

    ``matches`` are the phrases that tell a report's own kind (as read from its title) belongs
    here; the first kind whose phrase occurs in it wins, so the list is ordered.
    """

    name: str
    heading: str
    slug: str
    matches: tuple[str, ...] = ()

    def covers(self, kind_text: str | None) -> bool:
        return bool(kind_text) and any(
            phrase in kind_text for phrase in (self.matches or (self.name,))
        )


DEFAULT_KINDS: tuple[ReportKind, ...] = (
    ReportKind("部门整体支出绩效评价报告", "部门整体支出绩效报告", "zhengti-jixiao", ("绩效",)),
    ReportKind("部门决算", "部门决算公开", "juesuan", ("决算",)),
    ReportKind("部门预算", "部门预算公开", "yusuan", ("预算",)),
    ReportKind(
        "政府信息公开工作年度报告", "政府信息公开工作年度报告", "xxgk-nianbao", ("信息公开",)
    ),
)


@dataclass(frozen=True)
class ReviewPolicy:
    """When a new version goes live by itself; any other version waits for an editor.

    ``require``: metadata fields that must have been read (title, department, year, kind);
    ``hold_on_errors``: hold a version whose figure checks found an error;
    ``hold_all``: every version waits for an editor, whatever it is like.
    """

    require: tuple[str, ...] = METADATA_FIELDS
    hold_on_errors: bool = True
    hold_all: bool = False


@dataclass(frozen=True)
class SiteConfig:
    """What the portal's pages, sitemap and review need to know; ``SiteConfig()`` works as is."""

    name: str = DEFAULT_NAME
    host_org: str = ""
    operator_org: str = ""
    site_code: str = ""
    icp: str = ""
    icp_url: str = "https://beian.miit.gov.cn/"
    police: str = ""
    police_url: str = ""
    gov_mark: str = ""
    gov_mark_url: str = ""
    contact: str = ""
    logo: str = ""
    favicon: str = ""
    base_url: str = DEFAULT_BASE_URL
    timezone: str = DEFAULT_TIMEZONE
    fonts: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    kinds: tuple[ReportKind, ...] = DEFAULT_KINDS
    review: ReviewPolicy = field(default_factory=ReviewPolicy)
    source: str = ""

    @property
    def logo_href(self) -> str:
        """Where the logo is in the built site (copied there from the configured file)."""
        return published_asset("logo", self.logo)

    @property
    def favicon_href(self) -> str:
        return published_asset("favicon", self.favicon)

    @property
    def gov_mark_href(self) -> str:
        return published_asset("gov-mark", self.gov_mark)

    def assets(self) -> dict[str, str]:
        """Site path → configured file, for every image the pages show."""
        return {
            published_asset(name, file): file
            for name, file in (
                ("logo", self.logo),
                ("favicon", self.favicon),
                ("gov-mark", self.gov_mark),
            )
            if file
        }

    def local_time(self, stamp: str, with_time: bool = True) -> str:
        """A catalog time (UTC, ``2026-12-01T21:50:29Z``) as readers in the site's zone read it."""
        try:
            moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except (TypeError, ValueError):
            return stamp or ""
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def kind_of(self, kind_text: str | None) -> ReportKind | None:
        """The configured kind a report's own kind belongs to, if any."""
        return next((kind for kind in self.kinds if kind.covers(kind_text)), None)

    def with_base_url(self, base_url: str | None) -> SiteConfig:
        """The same settings served elsewhere (``publish --base-url`` overrides the file)."""
        if not base_url:
            return self
        return _replace(self, base_url=_base_url(base_url, self.source or "--base-url"))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its fields, the read-only font mapping as a dict (for worker processes)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["fonts"] = dict(self.fonts)
        return _config_from_fields, (values,)

    def fingerprint(self) -> str:
        """Every setting as text, so a changed ``site.toml`` rebuilds the site."""
        return repr(self)


ASSET_FOLDER = "_site"


def _config_from_fields(values: dict[str, Any]) -> SiteConfig:
    return SiteConfig(**{**values, "fonts": MappingProxyType(values["fonts"])})


def published_asset(name: str, file: str) -> str:
    return f"{ASSET_FOLDER}/{name}{Path(file).suffix.lower()}" if file else ""


def _replace(config: SiteConfig, **changes: Any) -> SiteConfig:
    values = {f.name: getattr(config, f.name) for f in fields(config)}
    values.update(changes)
    return SiteConfig(**values)


_TEXT_KEYS = ("name", "host_org", "operator_org", "site_code", "icp", "police", "contact")
_URL_KEYS = ("icp_url", "police_url", "gov_mark_url")
_FILE_KEYS = ("logo", "favicon", "gov_mark")
_TOP_KEYS = {
    *_TEXT_KEYS,
    *_URL_KEYS,
    *_FILE_KEYS,
    "base_url",
    "timezone",
    "fonts",
    "kinds",
    "review",
}


def _base_url(value: str, path: Path | str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            path, "base_url", f"应为以 http:// 或 https:// 开头的完整网址（现为“{value}”）"
        )
    return value if value.endswith("/") else value + "/"


def _expect(value: Any, kind: type | tuple[type, ...], path: Path, key: str, words: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ConfigError(path, key, f"应为{words}（现为“{value}”）")
    return value


def _file(value: str, path: Path, key: str) -> str:
    """A file named relative to ``site.toml``; it must exist, since pages will link to it."""
    if not value:
        return ""
    found = (path.parent / value).resolve()
    if not found.is_file():
        raise ConfigError(path, key, f"找不到文件 {found}")
    return str(found)


def _kinds(value: Any, path: Path) -> tuple[ReportKind, ...]:
    _expect(value, list, path, "kinds", "[[kinds]] 表的列表")
    kinds, slugs = [], set()
    for index, entry in enumerate(value, start=1):
        key = f"kinds 第{index}项"
        _expect(entry, dict, path, key, "表（name、heading、slug、matches）")
        unknown = set(entry) - {"name", "heading", "slug", "matches"}
        if unknown:
            raise ConfigError(path, key, f"不认识的设置 {'、'.join(sorted(unknown))}")
        name = _expect(entry.get("name"), str, path, f"{key}.name", "报告类型名称（文字）")
        slug = _expect(
            entry.get("slug"), str, path, f"{key}.slug", "网址中的类型名（小写字母、数字和连字符）"
        )
        if (
            not slug
            or not all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
            or slug != slug.lower()
        ):
            raise ConfigError(
                path, f"{key}.slug", f"只能由小写字母、数字和连字符组成（现为“{slug}”）"
            )
        if slug in slugs:
            raise ConfigError(path, f"{key}.slug", f"与前面的类型重复（“{slug}”）")
        slugs.add(slug)
        heading = _expect(
            entry.get("heading", name), str, path, f"{key}.heading", "目录中的标题（文字）"
        )
        matches = _expect(entry.get("matches", [name]), list, path, f"{key}.matches", "文字列表")
        for phrase in matches:
            _expect(phrase, str, path, f"{key}.matches", "文字列表")
        kinds.append(ReportKind(name, heading, slug, tuple(matches)))
    if not kinds:
        raise ConfigError(path, "kinds", "至少要列出一种报告类型")
    return tuple(kinds)


def _review(value: Any, path: Path) -> ReviewPolicy:
    _expect(value, dict, path, "review", "[review] 表")
    unknown = set(value) - {"require", "hold_on_errors", "hold_all"}
    if unknown:
        raise ConfigError(path, "review", f"不认识的设置 {'、'.join(sorted(unknown))}")
    require = _expect(
        value.get("require", list(METADATA_FIELDS)),
        list,
        path,
        "review.require",
        f"列表，取值为 {'、'.join(METADATA_FIELDS)}",
    )
    bad = [f for f in require if f not in METADATA_FIELDS]
    if bad:
        raise ConfigError(
            path,
            "review.require",
            f"不认识的字段 {'、'.join(map(str, bad))}（可选 {'、'.join(METADATA_FIELDS)}）",
        )
    return ReviewPolicy(
        require=tuple(require),
        hold_on_errors=_expect(
            value.get("hold_on_errors", True), bool, path, "review.hold_on_errors", "true 或 false"
        ),
        hold_all=_expect(
            value.get("hold_all", False), bool, path, "review.hold_all", "true 或 false"
        ),
    )


def _fonts(value: Any, path: Path) -> MappingProxyType[str, str]:
    _expect(value, dict, path, "fonts", "[fonts] 表")
    fonts = {}
    for role, file in value.items():
        if role not in FONT_ROLES:
            raise ConfigError(
                path, f"fonts.{role}", f"不认识的字体用途（可选 {'、'.join(FONT_ROLES)}）"
            )
        _expect(file, str, path, f"fonts.{role}", "字体文件路径（文字）")
        fonts[role] = _file(file, path, f"fonts.{role}")
    return MappingProxyType(fonts)


def parse_config(data: dict[str, Any], path: Path) -> SiteConfig:
    """The settings of one parsed ``site.toml``; raises ConfigError at the first bad one."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(path, "", f"不认识的设置 {'、'.join(sorted(unknown))}")
    values: dict[str, Any] = {"source": str(path)}
    for key in _TEXT_KEYS:
        if key in data:
            values[key] = _expect(data[key], str, path, key, "文字").strip()
    if "name" in values and not values["name"]:
        raise ConfigError(path, "name", "网站名称不能为空")
    for key in _URL_KEYS:
        if key in data:
            url = _expect(data[key], str, path, key, "网址")
            if url and urlsplit(url).scheme not in ("http", "https"):
                raise ConfigError(
                    path, key, f"应为以 http:// 或 https:// 开头的网址（现为“{url}”）"
                )
            values[key] = url
    for key in _FILE_KEYS:
        if key in data:
            values[key] = _file(_expect(data[key], str, path, key, "文件路径"), path, key)
    if "base_url" in data:
        values["base_url"] = _base_url(
            _expect(data["base_url"], str, path, "base_url", "网址"), path
        )
    if "timezone" in data:
        zone = _expect(data["timezone"], str, path, "timezone", "时区名称，例如 Asia/Shanghai")
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                path, "timezone", f"不认识的时区“{zone}”（例如 Asia/Shanghai）"
            ) from None
        values["timezone"] = zone
    if "fonts" in data:
        values["fonts"] = _fonts(data["fonts"], path)
    if "kinds" in data:
        values["kinds"] = _kinds(data["kinds"], path)
    if "review" in data:
        values["review"] = _review(data["review"], path)
    return SiteConfig(**values)


def load_config(path: Path) -> SiteConfig:
    """Read and check ``site.toml``; ConfigError names the file, the setting and the cause."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "", "文件不存在") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, "", f"无法读取（{error}）") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, "", f"不是有效的 TOML 格式（{_toml_where(error)}）") from None
    return parse_config(data, path)


def _toml_where(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message ends with ``(at line 3, column 7)``; say where in Chinese."""
    message = str(error)
    if "(at line " in message:
        head, _, tail = message.rpartition("(at line ")
        line, _, column = tail.rstrip(")").partition(", column ")
        return f"第{line}行第{column}列：{head.strip()}"
    return message


def find_config(named: Path | None, default: Path = Path("site.toml")) -> SiteConfig:
    """The configuration ``--config`` names, else ``./site.toml`` when present, else the defaults."""
    if named is not None:
        return load_config(named)
    return load_config(default) if default.is_file() else SiteConfig()
