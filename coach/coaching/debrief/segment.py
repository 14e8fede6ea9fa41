"""Turn raw notes into short, cleaned segments worth parsing.

Notes can be a single bullet or a megabyte of pasted text. Splitting into lines and
sentences first keeps each parse small, and a cheap cue filter skips sentences that
cannot hold a commitment, so huge input stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coach.coaching.lexicon import respell
from coach.text import split_sentences

MAX_SEGMENT = 600  # characters; longer runs are cut at whitespace

_BULLET = re.compile(r"^\s*(?:[-*•·‣◦▪–—>]+|\d{1,2}[.)]|\[\s?[x ]?\s?\])\s*", re.I)
# A sentence is parsed only if it has one of these: a future or obligation marker, a
# control verb, or the "Name to do X" shorthand. Bullets are always parsed.
_CUE = re.compile(
    r"\b(will|'ll|shall|going to|offer|volunteer|agree|promis|commit|ask|told|tell|suggest|propos|"
    r"need|has to|have to|should|must|plan|decid|want|remind|assign|take on|took on|own|"
    r"said|say|to|action|todo|next step|follow[- ]?up)",
    re.I,
)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-9;?]*[@-~]")


@dataclass(frozen=True)
class Segment:
    text: str
    bullet: bool


def clean(text: str) -> str:
    """Normalise Unicode, drop control and format characters, fix frequent typos."""
    text = _ANSI.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text.replace("\r\n", "\n")
    )
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text


def fix_typos(sentence: str) -> str:
    return " ".join(respell(sentence).split())


def _chunks(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SEGMENT:
        return [sentence]
    out, rest = [], sentence
    while len(rest) > MAX_SEGMENT:
        cut = rest.rfind(" ", 0, MAX_SEGMENT)
        cut = cut if cut > MAX_SEGMENT // 2 else MAX_SEGMENT
        out.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return [*out, rest] if rest else out


def sentences(text: str) -> list[Segment]:
    """Every cleaned sentence of the notes, in order, marked if it came from a bullet."""
    out: list[Segment] = []
    for line in clean(text).split("\n"):
        if not line.strip():
            continue
        bullet = bool(_BULLET.match(line))
        body = _BULLET.sub("", line, count=1) if bullet else line
        for sent in split_sentences(body, semicolons=True):
            for chunk in _chunks(sent):
                fixed = fix_typos(chunk)
                if fixed:
                    out.append(Segment(fixed, bullet))
    return out


def worth_parsing(segment: Segment) -> bool:
    return segment.bullet or bool(_CUE.search(segment.text))
