"""Turn files into a stream of blocks (headings and paragraphs) with a title.

Readers stream: a 50 MB text file is read a line (or a PDF page, or 64 KB of HTML)
at a time, so memory stays bounded. A file is checked in one cheap pass first
(`inspect`): content hash, binary/undecodable/empty, before anything is embedded.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | {".pdf"}
# Formats people keep notes in that are not text inside: named in the warning, not read as garbage.
OFFICE_SUFFIXES = frozenset(
    ".doc .docx .odt .rtf .pages .ppt .pptx .odp .key .xls .xlsx .ods .numbers .epub".split()  # noqa: SIM905
)
WRAPPED_LINE = 100  # a line longer than this is a whole paragraph (unwrapped prose)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


class UnreadableFile(Exception):
    """Why a file is skipped (binary, undecodable, empty, broken PDF)."""


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


@dataclass
class Document:
    path: Path
    kind: str  # md | txt | html | pdf
    title: str
    concepts: list[str] = field(default_factory=list)
    source_note: str = ""
    whole: bool = False  # a short Markdown card: one chunk
    front_matter: bool = False
    questions: list[str] = field(default_factory=list)  # front matter `questions:` (indexed, never shown)

    def blocks(self) -> Iterator[Block]:
        if self.kind == "pdf":
            yield from _pdf_blocks(self.path)
        elif self.kind == "html":
            yield from _html_blocks(self.path)
        else:
            yield from _text_blocks(self.path, markdown=self.kind == "md", skip_front=self.front_matter)


def supported() -> str:
    return ", ".join(sorted(SUFFIXES))


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "txt")


def inspect(path: Path) -> str:
    """sha256 of the file's bytes; raises UnreadableFile for binary, undecodable or empty files."""
    if path.suffix.lower() in OFFICE_SUFFIXES:
        raise UnreadableFile(f"{path.suffix.lower()} files are not read; save it as {supported()}")
    digest = hashlib.sha256()
    is_pdf = kind_of(path) == "pdf"
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    has_text = False
    offset = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            offset += len(block)
            if is_pdf:
                has_text = True
                continue
            if b"\x00" in block:
                raise UnreadableFile("binary file (contains NUL bytes)")
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    f"not UTF-8 text ({exc.reason} near byte {offset - len(block) + exc.start})"
                ) from None
            has_text = has_text or bool(text.strip())
    if not is_pdf:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise UnreadableFile("not UTF-8 text (truncated character at the end)") from None
    if not has_text:
        raise UnreadableFile("empty file")
    return digest.hexdigest()


def open_document(path: Path) -> Document:
    """Read just enough of the file to know its title, concepts and shape."""
    kind = kind_of(path)
    if kind == "pdf":
        return Document(path, kind, _pdf_title(path) or path.stem)
    with path.open(encoding="utf-8-sig") as fh:
        head = fh.read(64 * 1024)
    if kind == "html":
        return Document(path, kind, _html_title(head) or path.stem)
    meta, body = split_front_matter(head) if kind == "md" else ({}, head)
    title = meta.get("title", "") or _first_heading(body, markdown=kind == "md") or path.stem
    concepts = _parse_list(meta.get("concepts", meta.get("concept", "")))
    whole = kind == "md" and len(head) < 64 * 1024 and len(body.split()) < 300
    questions = _parse_list(meta.get("questions", ""))
    return Document(path, kind, title, concepts, meta.get("source", ""), whole, bool(meta), questions)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---` front matter: each line split at its first colon (titles may contain colons)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            meta: dict[str, str] = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    meta[key.strip().lower()] = _unquote(value.strip())
            return meta, "".join(lines[end + 1 :])
    return {}, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


_LIST_ITEM = re.compile(r'\s*(?:"([^"]*)"|\'([^\']*)\'|([^,]*))\s*(?:,|$)')


def _parse_list(value: str) -> list[str]:
    """`[a, b]` or `["a question, with a comma?", 'another']`: quoted items may hold commas."""
    value = value.strip().removeprefix("[").removesuffix("]")
    items = []
    for match in _LIST_ITEM.finditer(value):
        item = next((g for g in match.groups() if g is not None), "").strip()
        if item:
            items.append(item)
    return items


def _first_heading(text: str, markdown: bool) -> str:
    for line in text.splitlines():
        match = _HEADING.match(line)
        if markdown and match:
            return match.group(2)
    return ""


def _text_blocks(path: Path, markdown: bool, skip_front: bool) -> Iterator[Block]:
    """Paragraphs end at blank lines or after an unwrapped (long) line; `#` lines are headings."""
    para: list[str] = []
    with path.open(encoding="utf-8-sig") as fh:
        in_front = False
        for number, raw in enumerate(fh):
            line = raw.strip()
            if skip_front and number == 0 and line == "---":
                in_front = True
                continue
            if in_front:
                in_front = line != "---"
                continue
            match = _HEADING.match(line) if markdown else None
            if match or not line:
                if para:
                    yield Block(" ".join(para))
                    para = []
                if match:
                    yield Block(match.group(2), heading=True)
                continue
            para.append(line)
            if len(line) > WRAPPED_LINE:
                yield Block(" ".join(para))
                para = []
    if para:
        yield Block(" ".join(para))


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "section", "article", "blockquote",
    "pre", "table", "dd", "dt", "figcaption", "header", "footer", "main", "aside", "nav", "hr",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _HTMLText(HTMLParser):
    """Collects visible text as blocks; script, style and the head are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._skip = 0
        self._in_title = False
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS or tag in _HEADING_TAGS:
            self.flush()
            self._heading = tag in _HEADING_TAGS

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS or tag in _HEADING_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def flush(self) -> None:
        text = " ".join(" ".join(self._buf).split())
        self._buf = []
        if text:
            self.blocks.append(Block(text, heading=self._heading))
        self._heading = False


def _html_title(head: str) -> str:
    parser = _HTMLText()
    parser.feed(head)
    title = " ".join(parser.title.split())
    if not title:
        title = next((b.text for b in parser.blocks if b.heading), "")
    return title


def _html_blocks(path: Path) -> Iterator[Block]:
    parser = _HTMLText()
    with path.open(encoding="utf-8-sig") as fh:
        for piece in iter(lambda: fh.read(64 * 1024), ""):
            parser.feed(piece)
            yield from parser.blocks
            parser.blocks = []
    parser.close()
    parser.flush()
    yield from parser.blocks


def _pdf_reader(path: Path) -> object:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs each repair ("EOF marker not found") to stderr; a file it cannot read gets our one warning.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

    try:
        return PdfReader(path)
    except (PdfReadError, ValueError, OSError) as exc:
        raise UnreadableFile(f"not a readable PDF ({exc})") from None


def _pdf_title(path: Path) -> str:
    reader = _pdf_reader(path)
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
        return str(meta.title).strip() if meta and meta.title else ""
    except Exception:  # a damaged info dictionary is not worth failing the file for
        return ""


def _pdf_blocks(path: Path) -> Iterator[Block]:
    """One page at a time; paragraphs at blank lines or after a line ending a sentence."""
    reader = _pdf_reader(path)
    for page in reader.pages:  # type: ignore[attr-defined]
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # pypdf raises many kinds on broken pages
            raise UnreadableFile(f"PDF page could not be read ({exc})") from None
        para: list[str] = []
        for raw in text.splitlines():
            line = raw.strip()
            if line:
                para.append(line)
            if para and (not line or line.endswith((".", "?", "!", ":"))):
                yield Block(" ".join(para))
                para = []
        if para:
            yield Block(" ".join(para))
