"""``make screenshots``: the published site as a citizen sees it, at phone and desktop width, and
the first pages of a PDF, written as PNGs so a person can look at what the renderers make.

The site is the sample published for real: the five seeds and a department's reports of three
years (``fixtures/site/``), so the index, a report, a department page, search results and
关怀模式 all have something to show.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from docforge.render.pdf import render_pdf
from tests.browser import chromium, serve
from tests.conftest import FIXTURES, SEED_STEMS, seed
from tests.publish_support import publish
from tests.render_fixtures import report_root

WIDTHS = {"phone": 375, "desktop": 1280}
SITE_SAMPLE = FIXTURES / "site"
SEARCH_TERM = "预算执行率"


def publish_sample(base: Path, *extra: str) -> Path:
    """Publish the seeds and the department sample into ``base/site``; returns the site."""
    incoming = base / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    for stem in SEED_STEMS:
        shutil.copy(seed(stem), incoming / f"{stem}.txt")
    for path in SITE_SAMPLE.glob("*.txt"):
        shutil.copy(path, incoming / path.name)
    # Every report goes live (the review step is not the subject of these pages).
    result = publish(
        incoming,
        base / "site",
        base / "archive",
        "--config",
        str(FIXTURES / "portal" / "publish_all.toml"),
        *extra,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    return base / "site"


def sample_pages(site: Path) -> dict[str, str]:
    """The pages to look at, by name: paths relative to the site."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    sample = next(r for r in catalog["reports"] if r["department"] == "示例县农业农村局")
    deep = next(
        r
        for r in catalog["reports"]
        if r["id"] != sample["id"] and r["department"] and "乐昌" in r["department"]
    )
    departments = sorted(
        p.parent.relative_to(site).as_posix() for p in (site / "departments").glob("*/index.html")
    )
    across = next(
        d
        for d in departments
        if "示例县农业农村局" in (site / d / "index.html").read_text(encoding="utf-8")
    )
    return {
        "index": "index.html",
        "report": deep["page"],
        "department": f"{across}/index.html",
        "search": f"search.html?q={SEARCH_TERM}",
        "accessibility": "accessibility.html",
    }


def take(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    work = outdir / "work"
    shutil.rmtree(work, ignore_errors=True)
    site = publish_sample(work, "--no-pdf")
    pages = sample_pages(site)
    shots = []
    with serve(site.resolve()) as base, chromium() as browser:
        for care in (False, True):
            for width_name, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900})
                if care:
                    context.add_init_script("localStorage.setItem('docforge-care', '1')")
                for name, address in pages.items():
                    if care and name not in ("index", "report"):
                        continue
                    page = context.new_page()
                    page.goto(f"{base}{address}", wait_until="load")
                    if name == "search":
                        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
                        page.wait_for_function(
                            "document.querySelectorAll('.pagefind-ui__filter-block').length >= 3"
                        )
                        page.wait_for_timeout(500)
                    shot = outdir / f"{name}{'-care' if care else ''}-{width_name}.png"
                    page.screenshot(path=str(shot), full_page=name != "report")
                    page.close()
                    shots.append(shot)
                context.close()
    stem = next(s for s in SEED_STEMS if s.startswith("004"))
    pdf = outdir / f"{stem}.pdf"
    pdf.write_bytes(render_pdf(report_root(stem)))
    prefix = outdir / f"{stem}-pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "3", str(pdf), str(prefix)], check=True
    )
    return shots + sorted(outdir.glob(f"{prefix.name}-*.png"))


def main(argv: list[str]) -> None:
    outdir = Path(argv[0]) if argv else Path("screenshots")
    for shot in take(outdir):
        print(shot)


if __name__ == "__main__":
    main(sys.argv[1:])
