"""A typed or spoken line as clean sentences and clauses: the one view every line rule reads.

Real turns are messy: "So, um, how's the, the new till system been? Like, for you on the front end."
Before any rule looks at a line we lowercase it, expand chat spellings, drop hesitations ("um"),
stutters ("I-I") and repeated words ("the, the"), split it into sentences at . ! ? and into
clauses at commas, and strip the discourse words a clause may open with ("so", "right", "honestly").
A run-on with no punctuation ("how was ur half term did u get away") is also cut where a new
question visibly starts: an auxiliary before its subject in the middle of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.coaching import lexicon as lx
from coach.text import typed_pieces

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|\.{2,}|[?!.,;:()…–—]|\s-+\s")
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]+\s|[–—]")
_MARKS = frozenset("?!.,;:()–—")
_ASIDES = (("you", "know"), ("i", "mean"), ("like",))
_ASIDE_STARTS = frozenset(a[0] for a in _ASIDES)
# Where a new question starts inside a run-on: "... half term did u get away".
_NO_CUT_BEFORE = lx.WH_WORDS | lx.words(
    "or and that if whether to i you we they he she it there not because than as know sure wonder asked ask"
)
# Before these a wh-word is part of the clause ("I know how you feel", "that's what you said"), not a new question.
_NO_WH_CUT_BEFORE = _NO_CUT_BEFORE | lx.words(
    "know knew wonder wondering asking curious sure understand hear heard tell told see saw about on of is was "
    "that's exactly just idea clue remember show explain describe decide decided mean depends care matter"
)
_WH_CUT = lx.words("what how why")
_GREETINGS = lx.words("hi hey hello hiya morning afternoon evening dear")
# What may follow a greeting and a name ("hi raj did…"); a second word among these is no name ("hi how are you").
_AFTER_NAME = lx.AUX | lx.WH_WORDS | lx.SUBJECT_PRONOUNS | lx.words("quick just sorry thanks so i i'm any wanted")
_NOUN_PHRASE_START = lx.words("your the his her their our my")
# A clause cannot end on these: a comma after one is a pause ("you have to, um, sign off…"), not a boundary.
_DANGLING = lx.words(
    "to the a an of for with about and or my your our their his her is are was were be been being i we it "
    "that's it's there's can could would will should have has had do did does am me than as at in on by"
)


@dataclass(frozen=True)
class Clause:
    """One clause: its words with the opening discourse words and softeners taken off."""

    words: tuple[str, ...]
    softened: bool = False  # opened with "just", "please", "maybe"...
    opened_with_so: bool = False  # "so you're…", "right, so…": a summary often starts this way
    cut: bool = False  # begins where a run-on was cut: a new question visibly starts here
    pleaded: bool = False  # opened with "please" itself (or "pls", "kindly"), not only "just" or "maybe"
    text: str = field(init=False, repr=False, compare=False)

    # Shapes more than one label's rules ask about, read once per clause:
    offer: bool = field(init=False, repr=False, compare=False)  # an offer or permission ("want me to…")
    invitation: bool = field(init=False, repr=False, compare=False)  # "tell me about…", "I'm curious how…"
    soft: bool = field(init=False, repr=False, compare=False)  # an imperative that invites or reassures

    def __post_init__(self) -> None:
        text = " ".join(self.words)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "offer", bool(lx.OFFER_OR_PERMISSION.match(text)))
        object.__setattr__(self, "invitation", bool(lx.INVITATION.match(text)))
        object.__setattr__(self, "soft", bool(lx.SOFT_IMPERATIVE.match(text)))


@dataclass(frozen=True)
class Sentence:
    """One sentence: its clauses, and the mark it ended with ("?", "!", "." or "")."""

    clauses: tuple[Clause, ...]
    mark: str
    words: tuple[str, ...] = field(default=())
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.words))

    @property
    def asked(self) -> bool:
        return self.mark == "?"


_SPECIAL = frozenset({"ur", "ill", "iwill"})
_PAUSES = frozenset(",;:")


def _word(token: str, before: str, after: str) -> list[str]:
    """One token as the words it stands for: spellings expanded, stutters and hesitations gone."""
    if "-" in token:
        head, _, rest = token.partition("-")
        if len(head) <= 3 and rest.startswith(head):
            token = rest  # "i-i", "w-what"
    if token in lx.HESITATIONS:
        return []
    if token == "ur":
        return ["you're" if after in lx.UR_IS_YOU_ARE else "your"]
    if token in ("ill", "iwill") and before in ("", ",", ";", ":", "(", "and", "so", "then", "but") and after.isalpha():
        return ["i'll"]
    spelt = lx.WORD_SPELLINGS.get(token)
    return spelt.split() if spelt else [token]


def _drop_repeats(tokens: list[str]) -> list[str]:
    """ "the, the new till", "how are you, how are you finding it": the repeat goes, the comma with it."""
    words = [t for t in tokens if t not in _MARKS]
    if len(set(words)) == len(words):
        return tokens  # no word twice: nothing can repeat
    out: list[str] = []
    i, size = 0, len(tokens)
    while i < size:
        token = tokens[i]
        if token not in _MARKS:
            for n in (3, 2, 1):
                j = i + n
                if j < size and tokens[j] == ",":
                    j += 1
                chunk = tokens[i : i + n]
                if (
                    j < size
                    and tokens[j] == token
                    and chunk == tokens[j : j + n]
                    and not any(t in _MARKS for t in chunk)
                ):
                    i = j
                    break
            else:
                out.append(token)
                i += 1
            continue
        out.append(token)
        i += 1
    return out


def clean_tokens(text: str) -> list[str]:
    """The line as lowercase words and marks: chat spellings expanded; hesitations, stutters, repeats and
    the fillers "like" and "you know" between commas removed; an ellipsis read as a pause (a comma)."""
    raw = _TOKEN.findall(text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").lower())
    raw = ["," if t in ("…", "–", "—") or (len(t) > 1 and t[0] in ". ") else t for t in raw]
    tokens: list[str] = []
    spellings, hesitations = lx.WORD_SPELLINGS, lx.HESITATIONS
    for k, token in enumerate(raw):
        if token in _MARKS:
            if token in _PAUSES and (not tokens or tokens[-1] in _PAUSES):
                continue
            tokens.append(token)
        elif "-" in token or token in _SPECIAL or token in hesitations:
            before = tokens[-1] if tokens else ""
            after = raw[k + 1] if k + 1 < len(raw) else ""
            tokens.extend(_word(token, before, after))
        else:
            spelt = spellings.get(token)
            if spelt is None:
                tokens.append(token)
            else:
                tokens.extend(spelt.split())
    # Fillers between pauses: ", like,", ", you know,", a leading "like,".
    if not _ASIDE_STARTS.intersection(tokens):
        return _drop_repeats(tokens)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        matched = False
        for aside in _ASIDES if tokens[i] in _ASIDE_STARTS else ():
            n = len(aside)
            if tuple(tokens[i : i + n]) == aside:
                before = out[-1] if out else ""
                after = tokens[i + n] if i + n < len(tokens) else ""
                if (before in ("", ",", ".", "?", "!", ";") and after in (",", ".", "?", "!", "")) or (
                    before == "," and after in (",", ".", "?", "!", "")
                ):
                    i += n + (1 if after == "," else 0)
                    matched = True
                    break
        if not matched:
            out.append(tokens[i])
            i += 1
    return _drop_repeats(out)


_GLUED = frozenset("?!.,;:)")


def clean(text: str) -> str:
    """The cleaned line as text (see `clean_tokens`): marks glued to the word before them."""
    parts: list[str] = []
    for token in clean_tokens(text):
        if not parts and token in _GLUED:
            continue
        parts.append(token if token in _GLUED or not parts else " " + token)
    return "".join(parts).replace("( ", "(").lstrip()


def _strip_opening(words: list[str]) -> tuple[list[str], bool, bool, bool]:
    """Drop discourse words and softeners from the front; keep at least one word.

    Returns the words left, whether a softener went, whether "so" opened it, and whether "please" did."""
    softened = opened_with_so = pleaded = False
    changed = True
    while changed and len(words) > 1:
        changed = False
        text = " ".join(words)
        phrase = lx.DISCOURSE_PHRASES.match(text)
        if phrase and phrase.end() < len(text):
            words = text[phrase.end() :].split()
            changed = True
            continue
        if (
            words[0] in _GREETINGS
            and len(words) > 3
            and words[1] not in _AFTER_NAME
            and words[1] not in lx.ENGLISH
            and "'" not in words[1]
            and words[2] in _AFTER_NAME
        ):
            words = words[2:]  # "hi raj are the accruals in", "morning sam did the van come": a greeting and a name
            changed = True
            continue
        if words[0] in lx.DISCOURSE:
            opened_with_so = opened_with_so or words[0] in ("so", "basically")
            words = words[1:]
            changed = True
        elif words[0] in lx.SOFTENERS:
            softened = True
            pleaded = pleaded or words[0] in ("please", "kindly")
            words = words[1:]
            changed = True
    return words, softened, opened_with_so, pleaded


_YES_NO_AUX = lx.words("is are was were do does did have has")


def _asks(first: str, second: str) -> bool:
    """Does a clause opening with these two words ask a plain question: a wh-word and its auxiliary ("how was",
    not the statement "what I'm hearing is…" nor the suggestion "why don't you…"), or a yes/no auxiliary and its
    subject (not a request: "can we please have…")?"""
    if first in lx.WH_WORDS:
        return second in lx.AUX and not (first == "why" and second in ("don't", "not"))
    return first in _YES_NO_AUX and (second in lx.SUBJECT_PRONOUNS or second in _NOUN_PHRASE_START)


def _run_on_cuts(words: list[str]) -> list[list[str]]:
    """Cut a clause where a second question visibly begins (an auxiliary, then its subject)."""
    parts: list[list[str]] = []
    start = 0
    for i in range(2, len(words) - 1):
        if i - start < 3:
            continue
        before, word, after = words[i - 1], words[i], words[i + 1]
        # After a first question ("how was the wedding…"), a second may open on a noun phrase ("…did ur
        # cousin survive") or on "is" ("…is he home yet"); in a statement those would cut mid-clause.
        asking = _asks(words[start], words[start + 1])
        aux_question = (
            word in lx.AUX
            and (after in lx.SUBJECT_PRONOUNS or (asking and after in _NOUN_PHRASE_START))
            and (before not in _NO_CUT_BEFORE or (asking and before in ("and", "but")))
            and before not in lx.AUX
            and (word not in ("is", "was") or asking or before in ("so", "but", "and", "also", "then"))
        )
        wh_question = word in _WH_CUT and (after in lx.AUX or after in ("you", "u")) and before not in _NO_WH_CUT_BEFORE
        if aux_question or wh_question:
            parts.append(words[start:i])
            start = i
    parts.append(words[start:])
    return parts


def found_any(piece: str) -> bool:
    return bool(_WORD.search(piece))


def sentences(text: str) -> list[Sentence]:
    """The line as sentences of clauses, each clause stripped of its opening discourse words."""
    out: list[Sentence] = []
    for piece in typed_pieces(clean(text)):
        mark = piece[-1] if piece[-1] in "?!." else ""
        if "?" in piece.rstrip("?!. ")[-1:] or piece.rstrip("!.").endswith("?"):
            mark = "?"
        clauses: list[Clause] = []
        carried_so = carried_soft = False
        pending: list[str] = []
        for raw in _CLAUSE.split(piece):
            found = _WORD.findall(raw)
            if not found:
                continue
            for k, part in enumerate(_run_on_cuts(found)):
                words, softened, so, pleaded = _strip_opening(part)
                if words in (["really"], ["honestly"], ["actually"], ["truly"]) and clauses:
                    clauses.append(Clause(tuple(words)))  # "how are you, really?": the tail changes the question
                    continue
                if all(w in lx.DISCOURSE or w in lx.SOFTENERS for w in words) or words in (["look"], ["listen"]):
                    carried_so = carried_so or words[0] in ("so", "basically")
                    carried_soft = carried_soft or softened or words[0] in lx.SOFTENERS
                    continue  # "right," "so," or "please," alone: carried into the next clause
                if ((len(words) <= 2 and words[0] in lx.AUX) or words[-1] in _DANGLING) and not pending:
                    pending = words  # "could you, um, have a word…": the clause goes on past the comma
                    continue
                clauses.append(
                    Clause(tuple(pending + words), softened or carried_soft, so or carried_so, k > 0, pleaded)
                )
                pending = []
                carried_so = carried_soft = False
        if pending:
            clauses.append(Clause(tuple(pending)))
        if not clauses and found_any(piece):
            clauses.append(Clause(tuple(_WORD.findall(piece))))
        if clauses:
            out.append(Sentence(tuple(clauses), mark, tuple(w for c in clauses for w in c.words)))
    return out
