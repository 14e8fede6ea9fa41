"""Turn raw notes into short, cleaned segments worth parsing.

Notes can be a single bullet or a megabyte of pasted text. Splitting into lines and
sentences first keeps each parse small, and a cheap cue filter skips sentences that
cannot hold a commitment, so huge input stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_SEGMENT = 600  # characters; longer runs are cut at whitespace

_BULLET = re.compile(r"^\s*(?:[-*•·‣◦▪–—>]+|\d{1,2}[.)]|\[\s?[x ]?\s?\])\s*", re.I)
_SENT_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_TYPOS = [
    (re.compile(r"(^|[(,;:]\s*|\b(?:and|so|then|but)\s+)(?:ill|Ill|iwill)(?=\s+[a-z])"), r"\1I'll"),
    (re.compile(r"(^|[\s(,;:])i(?=[\s']|$)"), r"\1I"),
    (re.compile(r"\b(she|he|they|we|you)ll\b", re.I), r"\1'll"),
    (re.compile(r"\b(she|he)s\b", re.I), r"\1's"),
    (re.compile(r"\bim\b", re.I), "I'm"),
    (re.compile(r"\bwil\b", re.I), "will"),
    (re.compile(r"\b(do|does|did|wo|ca|is|are|was|were|has|have|had)nt\b", re.I), r"\1n't"),
    (re.compile(r"\bwont\b", re.I), "won't"),
    (re.compile(r"\bcant\b", re.I), "can't"),
    (re.compile(r"\bgonna\b", re.I), "going to"),
    (re.compile(r"\bwanna\b", re.I), "want to"),
    (re.compile(r"\b(?:tmrw|tmr|tomorow|tommorow|tommorrow)\b", re.I), "tomorrow"),
    (re.compile(r"\bnxt\b", re.I), "next"),
    (re.compile(r"\bvolunteerd\b", re.I), "volunteered"),
    (re.compile(r"\bofferr?ed\b", re.I), "offered"),
    (re.compile(r"\bagred\b", re.I), "agreed"),
    (re.compile(r"\bpromm?iss?ed\b", re.I), "promised"),
    (re.compile(r"\bs+ugg?est(?:ed|d)\b", re.I), "suggested"),
    (re.compile(r"\bwk\b", re.I), "week"),
    (re.compile(r"\bpls\b", re.I), "please"),
    (re.compile(r"\bw/"), "with "),
    (re.compile(r"\s+"), " "),
]
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
    for pattern, repl in _TYPOS:
        sentence = pattern.sub(repl, sentence)
    return sentence.strip()


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
        for sent in _SENT_SPLIT.split(body.strip()):
            for chunk in _chunks(sent):
                fixed = fix_typos(chunk)
                if fixed:
                    out.append(Segment(fixed, bullet))
    return out


def worth_parsing(segment: Segment) -> bool:
    return segment.bullet or bool(_CUE.search(segment.text))
