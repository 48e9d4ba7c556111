"""The faces of the PDF by role, as GB/T 9704 sets an official document: the title in 小标宋,
the body in 仿宋, level-1 headings in 黑体, level-2 in 楷体, level-3 in 仿宋 bold.

A portal that licenses the usual commercial faces names their files in ``site.toml``
(``[fonts]``: ``title``, ``body``, ``heading1``, ``heading2``, ``heading3``). Otherwise the best
free faces found are used: the Fandol fonts (GPL with the font exception; Debian ships them in
``texlive-lang-chinese``, whose 265 MB of TeX we do not install: ``make install`` unpacks only the
four faces into the venv), then LXGW WenKai for 楷体, and Noto CJK, which covers every character.
Each role lists the installed Noto faces after its own, so a character the role's face lacks is
set in the next face that has it (glyph by glyph), never dropped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

ROLES = ("title", "body", "heading1", "heading2", "heading3")
FONT_DIR_ENV = "DOCFORGE_FONTS"
# Where the Fandol faces are: the operator's folder, the venv (make install), a TeX installation.
FANDOL_DIRS = (
    Path(sys.prefix) / "share" / "fonts" / "fandol",
    Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"),
    Path("/usr/share/fonts/opentype/fandol"),
)


@dataclass(frozen=True)
class RoleDefault:
    files: tuple[str, ...]  # free font files, best first
    installed: tuple[str, ...]  # installed families to fall back on, best first
    weight: int  # the weight the role is set in
    generic: str


DEFAULTS: dict[str, RoleDefault] = {
    "title": RoleDefault(("FandolSong-Bold.otf",), ("Noto Serif CJK SC",), 700, "serif"),
    "body": RoleDefault(("FandolFang-Regular.otf",), ("Noto Serif CJK SC",), 400, "serif"),
    "heading1": RoleDefault(("FandolHei-Regular.otf",), ("Noto Sans CJK SC",), 400, "sans-serif"),
    "heading2": RoleDefault(
        ("FandolKai-Regular.otf",),
        ("LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC"),
        400,
        "serif",
    ),
    # No free 仿宋 has a bold weight (and WeasyPrint does not embolden), so a bold 宋 stands in.
    "heading3": RoleDefault(("FandolSong-Bold.otf",), ("Noto Serif CJK SC",), 700, "serif"),
}
# Every role ends with faces that have every character the reports use.
COVERING = ("Noto Serif CJK SC", "Noto Sans CJK SC")
_GENERIC = ("serif", "sans-serif")


@dataclass(frozen=True)
class RoleFont:
    role: str
    path: Path | None  # a file given to the PDF renderer by @font-face
    families: tuple[str, ...]  # the CSS family list, the role's own face first
    weight: int

    @property
    def face_name(self) -> str:
        """The file's own family name, so the PDF's font list names the face (FandolFang)."""
        return font_names(self.path)[0] if self.path else ""

    @property
    def family_key(self) -> str:
        """The role's own family, lower case without spaces or hyphens: how the PDF's font list
        names it after the subset prefix (FandolFang R → ``XXXXXX+FandolFang-R``)."""
        return _key(self.face_name or self.families[0])


def _key(name: str) -> str:
    return name.replace(" ", "").replace("-", "").lower()


def _font_dirs() -> tuple[Path, ...]:
    named = os.environ.get(FONT_DIR_ENV)
    return ((Path(named),) if named else ()) + FANDOL_DIRS


def _find(files: tuple[str, ...]) -> Path | None:
    for folder in _font_dirs():
        for name in files:
            if (folder / name).is_file():
                return folder / name
    return None


def role_fonts(configured: Mapping[str, str] | None = None) -> tuple[RoleFont, ...]:
    """The face of each role: the configured file, else the best free one found."""
    configured = configured or {}
    chosen = []
    for role in ROLES:
        default = DEFAULTS[role]
        named = configured.get(role)
        path = Path(named) if named and Path(named).is_file() else _find(default.files)
        families = default.installed + tuple(f for f in COVERING if f not in default.installed)
        own = (font_names(path)[0],) if path else ()
        chosen.append(RoleFont(role, path, own + families + (default.generic,), default.weight))
    return tuple(chosen)


def font_face_css(fonts: tuple[RoleFont, ...]) -> str:
    """``@font-face`` rules for the role files and the ``--font-*`` properties print.css uses."""
    rules = []
    for font in fonts:
        if font.path:
            rules.append(
                f'@font-face {{ font-family: "{font.face_name}"; '
                f'src: url("{font.path.resolve().as_uri()}"); font-weight: {font.weight}; }}'
            )
    properties = "; ".join(
        f"--font-{font.role}: " + ", ".join(f if f in _GENERIC else f'"{f}"' for f in font.families)
        for font in fonts
    )
    rules.append(f":root {{ {properties}; }}")
    return "\n".join(rules) + "\n"


@cache
def font_names(path: Path) -> tuple[str, str]:
    """(family, PostScript name) of a font file."""
    with TTFont(path, fontNumber=0, lazy=True) as font:
        names = font["name"]
        return (str(names.getDebugName(1) or path.stem), str(names.getDebugName(6) or path.stem))


@cache
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_characters(text: str, path: Path) -> str:
    """The characters of ``text`` the font file has no glyph for (they fall back to the next face)."""
    cmap = _cmap(path)
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in cmap}))
