"""Hostile inputs, made on the fly: every file a careless or malicious sender could drop in.

Each maker writes one file into a folder and returns its path; ``make_all`` writes
them all. Nothing here is committed as a blob: the files are derived from the seeds
or built from bytes, so the suite states exactly what each input is.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf

from docforge.bench.scans import scanned_pdf
from tests.conftest import SEED_STEMS, seed
from tests.docx_builder import NAMESPACES, body_docx, with_parts

SCRIPT = "<script>alert(1)</script>"
CONTROL_CHARACTERS = (
    "".join(chr(c) for c in (1, 7, 8, 0x0B, 0x0C, 0x1B, 0x7F, 0x85)) + "\ufffe\uffff"
)
SUFFIXES = (".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".mhtml")
TRUNCATED_AT = (0.1, 0.5, 0.9)
BIG_TEXT_BYTES = 50 * 1000 * 1000
LONG_LINE_BYTES = 10 * 1000 * 1000
DEEP_LEVELS = 2000
TINY_RUNS = 10_000
# A name with a parent-folder escape spelled out, spaces, Chinese and an emoji.
WEIRD_NAME = "..%2F.. 绩效 报告 🎉 2023.txt"

Maker = Callable[[Path], Path]


def seed_text(index: int = 0) -> str:
    return seed(SEED_STEMS[index]).read_text(encoding="utf-8")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _junk(size: int, salt: int) -> bytes:
    return random.Random(salt).randbytes(size)


def _truncated(source: Path, fraction: float) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        data = source.read_bytes()
        name = f"truncated-{source.suffix[1:]}-{int(fraction * 100)}{source.suffix}"
        return _write(folder / name, data[: int(len(data) * fraction)])

    return make


def external_entity_docx(secret: Path, url: str) -> bytes:
    """A DOCX whose document declares a file entity and a network entity and uses both."""
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document ['
        f'<!ENTITY secret SYSTEM "file://{secret}">'
        f'<!ENTITY remote SYSTEM "{url}">]>'
        f"<w:document {NAMESPACES}><w:body>"
        "<w:p><w:r><w:t>一、总体情况 &secret;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>正文 &remote;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return with_parts(body_docx(""), {"word/document.xml": document.encode()})


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return with_parts(body_docx(""), {"word/document.xml": document.encode()})


def zip_bomb_docx(path: Path, mib: int = 150) -> Path:
    """A DOCX whose ``document.xml`` is ``mib`` MiB of whitespace: a few hundred KiB on disk."""
    head = f'<?xml version="1.0"?><w:document {NAMESPACES}><w:body><w:p><w:r><w:t>正文'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    source = zipfile.ZipFile(io.BytesIO(body_docx("")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
        with target.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head)
            block = b" " * (1 << 20)
            for _ in range(mib):
                stream.write(block)
            stream.write(tail)
    return path


def tiny_runs_docx(count: int = TINY_RUNS) -> bytes:
    """One heading and a paragraph of ``count`` one-character runs, alternately bold."""
    text = seed_text().replace("\n", "")
    runs = "".join(
        f"<w:r>{'<w:rPr><w:b/></w:rPr>' if i % 2 else ''}<w:t>{text[i % len(text)]}</w:t></w:r>"
        for i in range(count)
    )
    return body_docx(f"<w:p><w:r><w:t>一、基本情况</w:t></w:r></w:p><w:p>{runs}</w:p>")


def encrypted_pdf(path: Path, user_password: str) -> Path:
    with pikepdf.open(seed(SEED_STEMS[0], "pdf")) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user_password, owner="owner-secret", R=6))
    return path


def image_only_pdf(path: Path) -> Path:
    """Two A4 pages that each draw only a grey image: a blank scan, with no text layer and nothing to read."""
    pdf = pikepdf.new()
    for _ in range(2):
        image = pikepdf.Stream(pdf, bytes([0x80]) * (64 * 64))
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = 64, 64, 8
        image.ColorSpace = pikepdf.Name.DeviceGray
        page = pdf.add_blank_page(page_size=(595, 842))
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pikepdf.Stream(pdf, b"q 500 0 0 700 47 71 cm /Im0 Do Q")
    pdf.save(path)
    return path


def big_text(size: int = BIG_TEXT_BYTES) -> bytes:
    """The seed reports one after another until ``size`` bytes of UTF-8."""
    chunk = "\n\n".join(seed_text(i) for i in range(len(SEED_STEMS))).encode()
    return (chunk * (size // len(chunk) + 1))[:size].rsplit(b"\n", 1)[0]


def long_line_text(size: int = LONG_LINE_BYTES) -> bytes:
    """A title, then one line of ``size`` bytes without a single line break."""
    sentence = seed_text().replace("\n", "").encode()
    return (
        "一、总体情况\n".encode()
        + (sentence * (size // len(sentence) + 1))[:size].decode(errors="ignore").encode()
    )


def deep_numbering_text(levels: int = DEEP_LEVELS) -> str:
    """Headings numbered 1, 1.1, 1.1.1 … down to ``levels`` levels, each with a sentence."""
    lines = ["某某局2022年度部门整体支出绩效自评报告"]
    for depth in range(1, levels + 1):
        lines.append(".".join(["1"] * depth) + " 工作情况")
        lines.append("本级开展了相关工作。")
    return "\n".join(lines) + "\n"


def markup_text() -> str:
    """A seed report with a script, a CDATA terminator and control characters in title and body."""
    lines = seed_text().splitlines()
    lines[0] += SCRIPT
    lines.insert(2, f"本段含有{SCRIPT}、]]>、<![CDATA[x]]>与{CONTROL_CHARACTERS}控制字符。")
    return "\n".join(lines) + "\n"


def external_html(secret: Path, url: str) -> bytes:
    """A saved page that declares file and network entities and points stylesheets, images,
    frames and scripts at ``url``, around a real article: nothing may be fetched or expanded."""
    body = "".join(f"<p>{line}</p>" for line in seed_text(2).splitlines() if line.strip())
    return (
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret}">'
        f'<!ENTITY remote SYSTEM "{url}">]><html><head><link rel="stylesheet" href="{url}css">'
        f'<script src="{url}js"></script></head><body><img src="{url}img" alt="">'
        f'<iframe src="{url}frame"></iframe><div id="zoom">{body}<p>&secret;&remote;</p></div>'
        f'<object data="{url}obj"></object></body></html>'
    ).encode()


def billion_laughs_html() -> bytes:
    entities = '<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE html [{entities}]><html><body><div id='zoom'><p>&lol9;</p></div></body></html>".encode()


def makers(secret: Path, entity_url: str) -> dict[str, Maker]:
    """Every hostile input by a short name; ``secret`` and ``entity_url`` are what the
    external-entity DOCX points at (the test checks neither leaks nor is fetched)."""
    docx_seed, pdf_seed = seed(SEED_STEMS[0], "docx"), seed(SEED_STEMS[0], "pdf")
    found: dict[str, Maker] = {
        "blank": lambda f: _write(f / "blank.txt", b"  \n\r\n\t \n"),
    }
    for suffix in SUFFIXES:
        kind = suffix[1:]
        found[f"zero-byte-{kind}"] = lambda f, s=suffix: _write(f / f"zero-{s[1:]}{s}", b"")
        found[f"one-byte-{kind}"] = lambda f, s=suffix: _write(f / f"one-{s[1:]}{s}", b"A")
    for salt, suffix in enumerate((".txt", ".docx", ".pdf")):
        found[f"junk-{suffix[1:]}"] = lambda f, s=suffix, n=salt: _write(
            f / f"junk-{s[1:]}{s}", _junk(65536, n)
        )
    for fraction in TRUNCATED_AT:
        found[f"truncated-docx-{int(fraction * 100)}"] = _truncated(docx_seed, fraction)
        found[f"truncated-pdf-{int(fraction * 100)}"] = _truncated(pdf_seed, fraction)
    found.update(
        {
            "external-entity": lambda f: _write(
                f / "external-entity.docx", external_entity_docx(secret, entity_url)
            ),
            "billion-laughs": lambda f: _write(f / "billion-laughs.docx", billion_laughs_docx()),
            "zip-bomb": lambda f: zip_bomb_docx(f / "zip-bomb.docx"),
            "encrypted-pdf": lambda f: encrypted_pdf(f / "encrypted.pdf", "user-secret"),
            "encrypted-pdf-empty-password": lambda f: encrypted_pdf(f / "encrypted-open.pdf", ""),
            "image-only-pdf": lambda f: image_only_pdf(f / "image-only.pdf"),
            "scanned-pdf": lambda f: _write(
                f / "scanned.pdf",
                scanned_pdf(seed(SEED_STEMS[3], "pdf"), 150, first=1, last=1, seal=False),
            ),
            "big-text": lambda f: _write(f / "big.txt", big_text()),
            "long-line": lambda f: _write(f / "long-line.txt", long_line_text()),
            "gbk": lambda f: _write(f / "gbk.txt", seed_text(1).encode("gbk", errors="replace")),
            "markup": lambda f: _write(f / "markup.txt", markup_text().encode()),
            "weird-name": lambda f: _write(f / WEIRD_NAME, seed_text(2).encode()),
            "deep-numbering": lambda f: _write(
                f / "deep-numbering.txt", deep_numbering_text().encode()
            ),
            "tiny-runs": lambda f: _write(f / "tiny-runs.docx", tiny_runs_docx()),
            "junk-html": lambda f: _write(f / "junk-html.html", _junk(65536, 7)),
            "html-no-article": lambda f: _write(
                f / "no-article.html",
                "<html><body><nav><a href='/'>首页</a>"
                "</nav><script>var a='正文';</script></body></html>".encode(),
            ),
            "html-redirect": lambda f: _write(
                f / "redirect.htm",
                b'<html><head><meta http-equiv="refresh" '
                b'content="0;url=/zwgk/t1.html"></head><body></body></html>',
            ),
            "html-external": lambda f: _write(
                f / "external.html", external_html(secret, entity_url)
            ),
            "html-billion-laughs": lambda f: _write(
                f / "billion-laughs.html", billion_laughs_html()
            ),
            "html-deep-nesting": lambda f: _write(
                f / "deep-nesting.html",
                (
                    "<html><body>"
                    + "<div>" * 20000
                    + seed_text(0)[:400]
                    + "</div>" * 20000
                    + "</body></html>"
                ).encode(),
            ),
        }
    )
    return found
