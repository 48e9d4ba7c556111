"""What the header and footer show on a page rendered without a portal (``docforge convert``).

Published pages get the portal's ``SiteConfig`` (``site.toml``); the renderer may not import
``publish``, so a page that stands alone gets this: the site's name and empty footer fields,
under the attribute names the templates read.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SITE_NAME = "部门绩效信息公开平台"


@dataclass(frozen=True)
class SiteChrome:
    """The header and footer fields of ``SiteConfig``, empty but for the name."""

    name: str = DEFAULT_SITE_NAME
    host_org: str = ""
    operator_org: str = ""
    site_code: str = ""
    icp: str = ""
    icp_url: str = ""
    police: str = ""
    police_url: str = ""
    contact: str = ""
    logo: str = ""
    favicon: str = ""


def default_site(name: str = DEFAULT_SITE_NAME) -> SiteChrome:
    return SiteChrome(name=name)
