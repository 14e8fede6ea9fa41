"""Turn raw notes into short, cleaned segments worth parsing.

Notes can be a single bullet or a megabyte of pasted text. Splitting into lines and
sentences first keeps each parse small, and a cheap cue filter skips sentences that
cannot hold a commitment, so huge input stays fast.

Bulleted notes carry structure the sentences do not: a header ("Next steps", "AP:",
"Concerns", "Parked") says whether the lines under it are tasks or context, a tag names
an owner ("me: book the room", "fix the rota (him)", "Action (me): …"), and terse notes
written one item a line read like bullets even without a dash. The tags are found here
by their shape; whether a tag names a party is decided with the person in mind
(`extract.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from coach.coaching.lexicon import ACTION_HEADER, CONTEXT_HEADER, CUE_WORDS, respell
from coach.text import split_sentences

MAX_SEGMENT = 600  # characters; longer runs are cut at whitespace
ACTIONS, CONTEXT = "actions", "context"

_BULLET = re.compile(r"^\s*(?:[-*•·‣◦▪–—>]+|\d{1,2}[.)]|\[\s?[x ]?\s?\])\s*", re.I)
_ARROW = re.compile(r"\s*(?:-+>|=+>|→)\s+")
_DASH = re.compile(r"\s+[-–—]+\s+")  # "car park barrier broken again - someone to report it": two items
# "Action:", "AP (me):", "Next step -": the line is a task; a bracketed owner may follow the word.
_TASK_PREFIX = re.compile(
    r"^(?:actions?|action items?|todo|to do|aps?|next steps?|follow[- ]?ups?|agreed)\s*"
    r"(?:\(([^)]{1,30})\)|for\s+(\w+))?\s*(?::|\s[-–]\s|-)\s*",
    re.I,
)
# "me: …", "Tom - …", "me -> …", "owner tbc: …": up to three words and a separator, then the task.
_OWNER_PREFIX = re.compile(r"^([^\W\d][\w'.&]*(?:\s[\w'.&?]+){0,2})\s*(?::(?!\d)|\s[-–—]+>?\s|\s?->\s?)\s*(?=\S)")
# A bare day after a tag, "… (me) fri", "… — me, thurs": the weekdays and near days are a closed class.
_WHEN_WORD = (
    r"(?:(?:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|today|tonight|tomorrow|tmrw|eod|eow|next week)\b"
)
# "… (me)", "… [owner: Tom]", "… @tom", "… - me, by fri", "… (Stan) by 10th", "… — who? tbc".
_OWNER_SUFFIX = re.compile(
    r"\s*(?:[(\[]\s*(?:owner\s*[:=\-]?\s*)?([^)\]]{1,30})[)\]]|@(\w+)|\s(?:[-–—]+>?|owner\s*[:=]|->)\s*"
    r"((?:\w+\??\s*){1,3}?))\s*(?:,\s*((?:by|due|before|on|for)\b.{0,30})"
    r"|,?\s*((?:by|due|before)\b.{0,30}|" + _WHEN_WORD + r"))?\s*\.?$",
    re.I,
)
# A sentence is parsed only if it has one of these: a future or obligation marker, a
# control verb, or the "Name to do X" shorthand. Bullets are always parsed.
_CUE = re.compile(
    r"\b(will|'ll|shall|going to|offer|volunteer|agree|promis|commit|ask|told|tell|suggest|propos|"
    r"need|has to|have to|should|must|plan|decid|want|remind|assign|take on|took on|own|"
    r"said|say|to|action|todo|next step|follow[- ]?up|is covering|are covering)",
    re.I,
)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-9;?]*[@-~]")


@dataclass(frozen=True)
class Segment:
    """One sentence of the notes.

    `text`: the sentence as written (cleaned), without the tags that name its owner. `prefix` / `suffix`: those
    tags ("me", "owner tbc", "him").
    `bullet`: it stands as an item of a list (a bullet, a task line, or a line of a terse note).
    `section`: the header it sits under (ACTIONS, CONTEXT or None). `line`: which line of the notes it
    came from. `follows`: it came after an arrow ("she wants to shadow the audit -> ask Hamid").
    """

    text: str
    bullet: bool
    section: str | None = None
    line: int = 0
    prefix: str | None = None
    suffix: str | None = None
    task: bool = False  # "Action:", "AP:": the line says it is a task
    follows: bool = False


def clean(text: str) -> str:
    """Normalise Unicode, drop control and format characters, fix frequent typos."""
    text = _ANSI.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text.replace("\r\n", "\n")
    )
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text


def _one_edit(a: str, b: str) -> bool:
    """True when `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swap = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return swap or (len(diff) == 1 and len(b) > 5)
    if min(len(a), len(b)) < 6:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_TYPO_CACHE: dict[str, str] = {}


def _mend(match: re.Match[str]) -> str:
    word = match.group(0)
    low = word.lower()
    if low in CUE_WORDS or len(low) < 5 or low[:-1] in CUE_WORDS:
        return word
    if low not in _TYPO_CACHE:
        _TYPO_CACHE[low] = next((c for c in sorted(CUE_WORDS) if _one_edit(low, c)), low)
    fixed = _TYPO_CACHE[low]
    return fixed.capitalize() if word[:1].isupper() else fixed


_LONG_WORD = re.compile(r"[A-Za-z]{5,}")


def fix_typos(sentence: str) -> str:
    return " ".join(_LONG_WORD.sub(_mend, respell(sentence)).split())


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


# Dictated notes run sentences together with no stops ("…again she is still not happy she said she'd pull
# the numbers and I said I'd sit with the managers…"); the parser reads such a run badly. A long run is cut
# before a subject pronoun that starts a clause, unless the words before make it the clause of a verb of
# saying or thinking ("she said she'd", "told him I'd", "thinks they'll").
RUN_ON = 30  # words
_SUBJECT = re.compile(r"\s(?=(?:and |but |so |also |then )?(?:i|she|he|we|they)(?:'(?:ll|d|s|m|re|ve))?\s)", re.I)
_KEEPS_CLAUSE = {
    "said",
    "says",
    "say",
    "told",
    "tell",
    "tells",
    "asked",
    "ask",
    "asks",
    "thinks",
    "think",
    "thought",
    "reckons",
    "reckon",
    "agreed",
    "agree",
    "suggested",
    "suggest",
    "mentioned",
    "mention",
    "hopes",
    "feels",
    "felt",
    "worried",
    "sure",
    "that",
    "if",
    "whether",
    "because",
    "when",
    "once",
    "until",
    "before",
    "after",
    "so",
    "and",
    "but",
    "or",
    "than",
    "as",
    "while",
    "where",
    "which",
    "who",
    "promised",
    "decided",
    "knows",
    "know",
    "confirmed",
    "explained",
    "wants",
    "want",
    "hoping",
    "expects",
    "expect",
    "guess",
    "means",
}
_OBJECT_PRONOUN = {"her", "him", "them", "me", "us"}


def split_run_on(text: str) -> list[str]:
    """A long unpunctuated run cut into its clauses; anything else as it is."""
    words = text.split()
    if len(words) <= RUN_ON or len(re.findall(r"[.;:!?]", text)) * 12 > len(words):
        return [text]
    out, last = [], 0
    for m in _SUBJECT.finditer(text):
        before = text[last : m.start()].split()
        if len(before) < 4:
            continue
        prev = before[-1].lower().strip(",")
        prev2 = before[-2].lower().strip(",") if len(before) > 1 else ""
        if prev in _KEEPS_CLAUSE or (prev in _OBJECT_PRONOUN and prev2 in _KEEPS_CLAUSE) or prev.endswith(","):
            continue
        out.append(text[last : m.start()].strip())
        last = m.start() + 1
    out.append(text[last:].strip())
    return [piece for piece in out if piece]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _listy(lines: list[str]) -> bool:
    """Terse notes: several short lines without full stops inside, one item a line."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    if len(filled) < 3:
        return False
    short = sum(len(ln) <= 110 and not re.search(r"[.!?]\s+\S", ln) and not ln.endswith(".") for ln in filled)
    return short >= 0.75 * len(filled)


def split_tags(line: str, names_party: Callable[[str], bool]) -> tuple[str, str | None, str | None, bool]:
    """(body, prefix tag, suffix tag, is a task line). A tag is cut only when `names_party` says it names one."""
    body, prefix, suffix, task = line.strip(), None, None, False
    if m := _TASK_PREFIX.match(body):
        task, body = True, body[m.end() :]
        if (m[1] or m[2]) and names_party(m[1] or m[2]):
            prefix = m[1] or m[2]
    if prefix is None and (m := _OWNER_PREFIX.match(body)) and not CONTEXT_HEADER.match(body) and names_party(m[1]):
        prefix, body = m[1], body[m.end() :]
    if (m := _OWNER_SUFFIX.search(body)) and m.start() > 0:
        tag = next(g for g in m.groups()[:3] if g).strip()
        if names_party(tag):
            when = m[4] or m[5]  # "…, by Friday", "… (me) fri": the date stays with the task
            suffix, body = tag, body[: m.start()] + (f" {when}" if when else "")
    return body.strip(), prefix, suffix, task


def sentences(text: str, names_party: Callable[[str], bool] = lambda tag: False) -> list[Segment]:
    """Every cleaned sentence of the notes, in order, with the list structure it sits in.

    `names_party` says whether a tag ("me", "Tom", "owner tbc", "north trip") names who does the task.
    """
    out: list[Segment] = []
    lines = clean(text).split("\n")
    listy = _listy(lines)
    section: str | None = None
    header_indent, header_bulleted = -1, False
    for number, line in enumerate(lines):
        if not line.strip():
            section = section if header_bulleted else None
            continue
        bullet = bool(_BULLET.match(line))
        stripped = _BULLET.sub("", line, count=1).strip() if bullet else line.strip()
        indent = _indent(line)
        ends = (header_bulleted and indent <= header_indent) or (not header_bulleted and not bullet and not listy)
        if section is not None and ends:
            section = None
        if ACTION_HEADER.match(stripped.rstrip(":")):
            section, header_indent, header_bulleted = ACTIONS, indent, bullet
            continue
        bare = stripped.rstrip(" :-–")
        header = CONTEXT_HEADER.match(bare + ":")
        if header is not None and header.end() == len(bare) + 1:  # "Concerns:", "Parked", "Not doing -"
            section, header_indent, header_bulleted = CONTEXT, indent, bullet
            continue
        own = CONTEXT if CONTEXT_HEADER.match(stripped) else section
        for k, piece in enumerate(p for p in _ARROW.split(stripped) if p.strip()):
            body, prefix, suffix, task = split_tags(piece, names_party)
            item = bullet or listy or task or own == ACTIONS or k > 0
            parts = [
                piece
                for sent in split_sentences(body, semicolons=True)
                for part in _DASH.split(sent)
                for piece in split_run_on(part)
            ]
            if len(parts) > 1 and prefix is not None and not task:  # "hassan - y9 behind. he'll get quotes":
                parts = [f"{prefix} - {parts[0]}", *parts[1:]]  # a label over several sentences, not an owner
                prefix = None
            for n, part in enumerate(parts):
                for chunk in _chunks(part):
                    fixed = fix_typos(chunk)
                    if fixed:
                        end = suffix if n == len(parts) - 1 else None
                        out.append(Segment(fixed, item, own, number, prefix, end, task, k > 0))
    return out


_MEETING_WORD = re.compile(
    r"\b(?:1[:\-/]1|121|one[- ]to[- ]one|1on1|check[- ]?in|catch[- ]?up|sync|monthly|weekly)\b", re.I
)


def is_header(segment: Segment, first_line: int, mentions_person: Callable[[str], bool]) -> bool:
    """The notes' title ("1:1 Mateo", "tomasz (AP lead)", "Seun - weekly"): a short first line naming the
    person or the meeting, with nothing that could hold a task."""
    words = segment.text.split()
    if segment.line != first_line or len(words) > 8 or _CUE.search(segment.text):
        return False
    return (
        bool(_MEETING_WORD.search(segment.text))
        or any(mentions_person(w) for w in words)
        or bool(segment.prefix and mentions_person(segment.prefix))
    )


def worth_parsing(segment: Segment) -> bool:
    return segment.bullet or segment.task or bool(_CUE.search(segment.text))
