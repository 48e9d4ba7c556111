"""docforge: Chinese departmental performance reports to canonical XML, HTML and PDF."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docforge")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
