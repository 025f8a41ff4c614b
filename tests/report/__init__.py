"""Tests of `supple report` and `supple handout`, with what they share: reading a PDF back with poppler.

The PDFs are checked the way a person would: their text (pdftotext), their page count
(pdfinfo), and a small PNG of the first page (pdftoppm) kept in ``screenshots/`` to look at.
A missing poppler fails the tests with what to install; it never skips them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (e.g. apt-get install poppler-utils)")
    return found


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space made one space (table cells and columns wrap)."""
    done = subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def pdf_pages(path: Path) -> int:
    done = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", done.stdout, re.MULTILINE)
    assert found, done.stdout
    return int(found.group(1))


def preview(path: Path, name: str) -> Path:
    """A 60 dpi PNG of the PDF's first page, saved as ``screenshots/<name>.png`` for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / name
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(target)],
        check=True,
    )
    return target.with_suffix(".png")


def words(text: str) -> str:
    """``text`` with its white space made single spaces, to compare with ``pdf_text``."""
    return " ".join(text.split())


class Page(HTMLParser):
    """A strict-enough reading of an HTML page: its tags, ids, outside references and visible text."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "col", "source", "wbr", "area", "base"})
    #: Tags that break a line: their text never runs into the text next to them.
    BREAKS = frozenset({"br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "dt", "dd", "section", "header"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.references: list[str] = []
        self.open: list[str] = []
        self.unclosed: list[str] = []
        self.chunks: list[str] = []
        #: Each table row's cells, as text.
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._hidden = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        for key in ("src", "href", "xlink:href"):
            value = values.get(key)
            if value and not value.startswith("#"):
                self.references.append(value)
        if tag in ("style", "title", "script") and not self.open_svg:
            self._hidden += 1
        if tag in self.BREAKS:
            self.handle_data(" ")
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        for key in ("src", "href", "xlink:href"):
            value = values.get(key)
            if value and not value.startswith("#"):
                self.references.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.handle_data(" ")
        if not self.open or self.open[-1] != tag:
            self.unclosed.append(f"</{tag}> after <{self.open[-1] if self.open else 'nothing'}>")
            return
        self.open.pop()
        if tag in ("style", "title", "script") and not self.open_svg:
            self._hidden -= 1
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(words("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self.open_svg:
            self.chunks.append(data)
            if self._cell is not None:
                self._cell.append(data)

    @property
    def open_svg(self) -> bool:
        return "svg" in self.open

    @property
    def text(self) -> str:
        return words("".join(self.chunks))

    def row(self, *first: str) -> list[str]:
        """The one table row whose first cells are ``first``."""
        found = [r for r in self.rows if r[: len(first)] == list(first)]
        assert len(found) == 1, (first, self.rows)
        return found[0]
