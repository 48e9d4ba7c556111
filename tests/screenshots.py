"""``make screenshots``: one page at phone and desktop width and the first two PDF pages,
written as PNGs so a person can look at what the renderers make."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docforge.render.pdf import render_pdf
from tests.browser import chromium, serve
from tests.render_fixtures import REPORT_STEMS, report_root, write_site

WIDTHS = {"phone": 375, "desktop": 1280}


def take(outdir: Path, stem: str) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    site = write_site(outdir / "site")
    shots = []
    with serve(site) as base, chromium() as browser:
        for name, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{base}{stem}.html", wait_until="load")
            shot = outdir / f"{stem}-html-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            page.close()
            shots.append(shot)
    pdf = site / f"{stem}.pdf"
    pdf.write_bytes(render_pdf(report_root(stem)))
    prefix = outdir / f"{stem}-pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(prefix)], check=True)
    return shots + sorted(outdir.glob(f"{prefix.name}-*.png"))


def main(argv: list[str]) -> None:
    outdir = Path(argv[0]) if argv else Path("screenshots")
    stem = argv[1] if len(argv) > 1 else next(s for s in REPORT_STEMS if s.startswith("001"))
    for shot in take(outdir, stem):
        print(shot)


if __name__ == "__main__":
    main(sys.argv[1:])
