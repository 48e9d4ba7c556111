"""Hostile inputs: ``convert`` and ``publish`` refuse or convert each one within bounded time
and memory, with one line per refusal, never a traceback, and never at another document's cost."""

from __future__ import annotations

import hashlib
import resource
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from docforge.model.xml import parse_report, validation_errors
from tests.conftest import ROOT, SEED_STEMS, seed
from tests.hostile_inputs import SCRIPT, makers
from tests.publish_support import (
    archive_problems,
    catalog_rows,
    report_folder,
    site_problems,
    subprocess_env,
)

pytestmark = pytest.mark.slow

# A guard against a hang (an entity loop, a decompression bomb), not a speed goal: on a loaded
# 2-core machine the batch's honest publish takes minutes of wall time for half a minute of CPU.
TIMEOUT_SECONDS = 600
ADDRESS_SPACE_LIMIT = 3 * 2**30
SECRET_MARKER = "DOCFORGE-SECRET-MARKER-7f3a"

# Inputs that no sane reader can turn into a report; every other one may convert or be refused,
# but converts only into schema-valid XML. "encrypted-pdf-empty-password" opens in any viewer
# without a prompt, so it must convert.
MUST_REFUSE = {
    "blank",
    "zero-byte-txt",
    "zero-byte-md",
    "zero-byte-docx",
    "zero-byte-doc",
    "zero-byte-pdf",
    "one-byte-docx",
    "one-byte-pdf",
    "junk-txt",
    "junk-docx",
    "junk-pdf",
    "truncated-docx-10",
    "truncated-docx-50",
    "truncated-docx-90",
    "truncated-pdf-10",
    "external-entity",
    "billion-laughs",
    "zip-bomb",
    "encrypted-pdf",
    "image-only-pdf",
    "big-text",
    "zero-byte-html",
    "zero-byte-mhtml",
    "one-byte-html",
    "one-byte-mhtml",
    "junk-html",
    "html-no-article",
    "html-redirect",
}
MUST_CONVERT = {
    "gbk",
    "markup",
    "weird-name",
    "deep-numbering",
    "tiny-runs",
    "long-line",
    "encrypted-pdf-empty-password",
    "html-external",
    "scanned-pdf",
}


def limit_resources() -> None:
    """Runs in the child before exec: a runaway conversion dies of MemoryError, not the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def docforge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env=subprocess_env(),
        cwd=ROOT,
        preexec_fn=limit_resources,
    )


class _CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(SECRET_MARKER.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def entity_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server an external entity points at; it records every request it gets."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/entity", _CountingHandler.requests
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Batch:
    folder: Path
    inputs: dict[str, Path]
    good: tuple[Path, ...]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, entity_server: tuple[str, list[str]]) -> Batch:
    """Every hostile input, plus two good reports that must come through whatever else fails."""
    folder = tmp_path_factory.mktemp("hostile") / "incoming"
    folder.mkdir()
    secret = folder.parent / "secret.txt"
    secret.write_text(SECRET_MARKER, encoding="utf-8")
    inputs = {name: make(folder) for name, make in makers(secret, entity_server[0]).items()}
    good = (folder / "good-report.txt", folder / "good-word-report.docx")
    shutil.copy(seed(SEED_STEMS[3]), good[0])
    shutil.copy(seed(SEED_STEMS[4], "docx"), good[1])
    return Batch(folder, inputs, good)


def test_hostile_pdfs_are_part_of_the_batch(batch: Batch) -> None:
    assert {
        "junk-pdf",
        "truncated-pdf-50",
        "encrypted-pdf",
        "image-only-pdf",
    } <= batch.inputs.keys()


def refusal_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("docforge: ")]


def assert_one_line_per_refusal(stderr: str, refused: set[Path]) -> None:
    assert "Traceback" not in stderr, stderr
    lines = refusal_lines(stderr)
    assert len(lines) == len(refused), stderr
    for path in refused:
        naming = [line for line in lines if f"docforge: {path}: " in line]
        assert len(naming) == 1, f"{path}: {lines}"
        assert "internal error" not in naming[0] and "程序内部错误" not in naming[0], naming[0]


@pytest.fixture(scope="module")
def converted(batch: Batch) -> tuple[subprocess.CompletedProcess[str], Path]:
    outdir = batch.folder.parent / "out"
    paths = [str(p) for p in (*batch.inputs.values(), *batch.good)]
    weird = batch.inputs["weird-name"]
    (batch.folder / "sub").mkdir()
    paths[paths.index(str(weird))] = str(batch.folder / "sub" / ".." / weird.name)
    return docforge("convert", *paths, "-o", str(outdir)), outdir


def test_convert_refuses_hostile_inputs_one_line_each(batch: Batch, converted) -> None:
    result, outdir = converted
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout
    refused = {
        name for name, path in batch.inputs.items() if not (outdir / f"{path.stem}.xml").exists()
    }
    assert MUST_REFUSE & batch.inputs.keys() <= refused
    assert not MUST_CONVERT & refused, result.stderr
    shown = {name: batch.inputs[name] for name in refused}
    if "weird-name" in shown:
        shown["weird-name"] = batch.folder / "sub" / ".." / shown["weird-name"].name
    assert_one_line_per_refusal(result.stderr, set(shown.values()))


def test_image_only_pdfs_go_through_ocr(batch: Batch, converted) -> None:
    """A scan is read by OCR (it used to be refused as needing OCR); a blank scan is refused for having no text."""
    result, outdir = converted
    assert (outdir / f"{batch.inputs['scanned-pdf'].stem}.xml").is_file(), result.stderr
    blank = [
        line for line in result.stderr.splitlines() if str(batch.inputs["image-only-pdf"]) in line
    ]
    assert len(blank) == 1 and "OCR found no text" in blank[0], blank


def test_convert_keeps_the_good_documents_and_writes_valid_xml(batch: Batch, converted) -> None:
    _, outdir = converted
    for path in batch.good:
        assert (outdir / f"{path.stem}.xml").is_file(), path
    for xml in outdir.glob("*.xml"):
        assert validation_errors(parse_report(xml.read_bytes())) == [], xml
    written = [
        p
        for p in batch.folder.parent.rglob("*")
        if p.is_file()
        and not p.is_relative_to(batch.folder)
        and not p.is_relative_to(outdir.parent / "publish")
    ]
    assert {p.parent for p in written} == {outdir, batch.folder.parent}
    assert [p.name for p in written if p.parent == batch.folder.parent] == ["secret.txt"]


def test_gbk_without_bom_and_markup_come_through_as_their_text(batch: Batch, converted) -> None:
    _, outdir = converted
    gbk_title = seed(SEED_STEMS[1]).read_text(encoding="utf-8").splitlines()[0].strip()
    assert gbk_title in (outdir / "gbk.xml").read_text(encoding="utf-8")
    markup = parse_report((outdir / "markup.xml").read_bytes()).getroot()
    text = "".join(markup.itertext())
    assert SCRIPT in text and "]]>" in text


def test_external_entities_are_neither_fetched_nor_expanded(converted, entity_server) -> None:
    _, outdir = converted
    assert entity_server[1] == []
    for output in outdir.iterdir():
        assert SECRET_MARKER.encode() not in output.read_bytes(), output


def test_markup_and_control_characters_become_text_in_a_pdf_too(
    batch: Batch, tmp_path: Path
) -> None:
    result = docforge(
        "convert", str(batch.inputs["markup"]), "-o", str(tmp_path), "--to", "xml,pdf"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "markup.pdf").read_bytes().startswith(b"%PDF-")


@dataclass(frozen=True)
class Published:
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    site: Path
    archive: Path
    before: dict[str, str]
    slug: str


def _digests(folder: Path) -> dict[str, str]:
    """Content hashes of the files below ``folder``; a version's page is left out, because it
    rightly gains a link to each later version."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "index.html"
    }


@pytest.fixture(scope="module")
def published(batch: Batch) -> Published:
    """A report published once alone, then the hostile batch with a new version of it."""
    work = batch.folder.parent / "publish"
    incoming, site, archive = work / "incoming", work / "site", work / "archive"
    incoming.mkdir(parents=True)
    report = incoming / "report.txt"
    shutil.copy(seed(SEED_STEMS[0]), report)
    common = ("--site", str(site), "--archive", str(archive), "--no-pdf", "-j", "2")
    first = docforge("publish", str(incoming), *common)
    [(slug,)] = catalog_rows(archive, "SELECT slug FROM reports")
    before = {
        **{f"site/{k}": v for k, v in _digests(report_folder(site, archive, slug) / "v1").items()},
        **{f"archive/{k}": v for k, v in _digests(archive / "xml").items()},
    }
    report.write_text(
        seed(SEED_STEMS[0]).read_text(encoding="utf-8") + "\n（修订版）\n", encoding="utf-8"
    )
    for path in (*batch.inputs.values(), *batch.good):
        shutil.copy(path, incoming / path.name)
    second = docforge("publish", str(incoming), *common)
    return Published(first, second, site, archive, before, slug)


def test_publish_refuses_hostile_inputs_and_publishes_the_rest(
    batch: Batch, published: Published
) -> None:
    assert published.first.returncode == 0, published.first.stderr
    result = published.second
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    sources = {row[0] for row in catalog_rows(published.archive, "SELECT file_name FROM sources")}
    failed = {
        Path(row[0]).name for row in catalog_rows(published.archive, "SELECT path FROM failures")
    }
    names = {
        name: path.name
        for name, path in batch.inputs.items()
        if path.name in first_of_their_content(published.site.parent / "incoming")
    }
    assert {names[n] for n in MUST_REFUSE & names.keys()} <= failed
    assert not {names[n] for n in MUST_CONVERT & names.keys()} & failed
    incoming = published.site.parent / "incoming"
    assert_one_line_per_refusal(result.stderr, {incoming / name for name in failed})
    assert {p.name for p in batch.good} <= sources


def first_of_their_content(incoming: Path) -> set[str]:
    """Names publish converts: a file with the same bytes as one before it is the same source."""
    seen: dict[str, str] = {}
    for path in sorted(incoming.iterdir()):
        seen.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path.name)
    return set(seen.values())


def test_publish_keeps_earlier_versions_untouched(published: Published) -> None:
    folder = report_folder(published.site, published.archive, published.slug)
    v1 = folder / "v1"
    after = {
        **{f"site/{k}": v for k, v in _digests(v1).items()},
        **{f"archive/{k}": v for k, v in _digests(published.archive / "xml").items()},
    }
    assert {k: after.get(k) for k in published.before} == published.before
    assert (folder / "v2").is_dir() and (v1 / "index.html").is_file()
    assert any(k.startswith("site/") for k in published.before)
    assert site_problems(published.site) == [] and archive_problems(published.archive) == []


def test_published_script_is_inert_in_chromium(published: Published) -> None:
    from tests.browser import chromium, serve

    # the public pages and the editor's previews of reports held for review
    pages = [
        p
        for p in [
            *published.site.glob("*/*/*/v*/index.html"),
            *published.site.glob("_review/*/v*/preview.html"),
        ]
        if SCRIPT.replace("<", "&lt;").replace(">", "&gt;") in p.read_text(encoding="utf-8")
    ]
    assert pages, "the report with a script in its text was not published"
    dialogs: list[str] = []
    with serve(published.site.resolve()) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(base + str(path.relative_to(published.site)), wait_until="load")
            assert SCRIPT in page.inner_text("main")
    assert dialogs == []


def test_missing_inputs_exit_1_and_usage_errors_exit_2(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere.txt"
    missing = docforge("convert", str(nowhere), "-o", str(tmp_path / "out"))
    assert missing.returncode == 1
    assert_one_line_per_refusal(missing.stderr, {nowhere})
    a_file = tmp_path / "report.txt"
    a_file.write_text("一、总体情况\n", encoding="utf-8")
    for args in (
        ("convert", str(a_file)),
        ("convert", str(a_file), "-o", str(tmp_path), "--to", "doc"),
        ("publish", str(a_file)),
        ("publish", str(tmp_path / "no-such-folder")),
    ):
        result = docforge(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
