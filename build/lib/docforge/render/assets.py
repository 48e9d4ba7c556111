"""Templates and stylesheets: the package's own, or a portal operator's override of any of them.

The package ships every template and stylesheet (``docforge/styles/``), so an installed wheel
renders without the source tree. An operator who wants another look puts files of the same name
in an override folder (``DOCFORGE_STYLES``, or ``styles/`` in the working directory); a file there
replaces the package's file of that name and nothing else.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

OVERRIDE_ENV = "DOCFORGE_STYLES"
OVERRIDE_FOLDER = "styles"


def package_styles() -> Traversable:
    return files("docforge") / "styles"


def override_dir() -> Path | None:
    """The operator's override folder, when there is one."""
    named = os.environ.get(OVERRIDE_ENV)
    folder = Path(named) if named else Path.cwd() / OVERRIDE_FOLDER
    return folder if folder.is_dir() else None


def asset_names() -> list[str]:
    """Every template and stylesheet by name, the package's and the overrides'."""
    names = {entry.name for entry in package_styles().iterdir() if entry.is_file()}
    folder = override_dir()
    if folder:
        names |= {path.name for path in folder.iterdir() if path.is_file()}
    return sorted(name for name in names if not name.startswith((".", "_")) and name != "README.md")


def asset_bytes(name: str) -> bytes:
    folder = override_dir()
    if folder and (folder / name).is_file():
        return (folder / name).read_bytes()
    return (package_styles() / name).read_bytes()


def asset_text(name: str) -> str:
    return asset_bytes(name).decode("utf-8")


@cache
def environment() -> Environment:
    loaders: list[BaseLoader] = [PackageLoader("docforge", "styles")]
    folder = override_dir()
    if folder:
        loaders.insert(0, FileSystemLoader(str(folder)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
