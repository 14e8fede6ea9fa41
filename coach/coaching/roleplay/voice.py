"""Memory is written by the manager, about the person; the persona says it in its own voice.

"Her daughter just started school" becomes "My daughter just started school";
"Training for her first half marathon" becomes "I'm training for my first half marathon";
the manager's promise "Introduce Tom to the research team" becomes "introducing me to the
research team", ready for "Did you get anywhere with …?". Only pronouns, the person's own
name and the verb form change, so nothing is said that memory does not hold.
"""

from __future__ import annotations

import re

from coach.coaching.lexicon import words

_PRONOUNS = {
    "she": "I",
    "he": "I",
    "they": "I",
    "her": "my",
    "his": "my",
    "their": "my",
    "hers": "mine",
    "theirs": "mine",
    "herself": "myself",
    "himself": "myself",
    "themselves": "myself",
    "themself": "myself",
}
_VERB_AFTER_I = {"is": "am", "was": "was", "has": "have", "does": "do", "are": "am", "were": "was", "'s": "'m"}
# A note that opens with one of these lacks its subject ("Keen to lead …" is "I'm keen to lead …").
_STATE_WORDS = words(
    "keen happy unhappy worried tired excited nervous interested anxious frustrated stressed busy curious unsure eager "
    "looking feeling thinking hoping planning struggling finding enjoying"
)
_PAST_START = re.compile(r"^(?:[a-z]+ed|ran|went|got|had|took|made|began|came|felt|won|lost|left|saw|did)$")
_ARTICLES = ("a ", "an ", "the ", "my ", "our ", "this ", "that ", "some ")
_ING_VERBS = words("bring sing ring swing sting cling fling wring spring string sling")  # verbs, not -ing forms


def _is_gerund(word: str) -> bool:
    w = word.lower()
    return w.endswith("ing") and len(w) > 4 and w not in _ING_VERBS


_OBJECT_NEXT = words("and or but to about that than so if when with at on in for of as too either")


def first_person(note: str) -> str:
    """A note about the person, with her/his/their turned into the persona's own my/I ("told her" -> "told me")."""
    out: list[str] = []
    words_ = note.split(" ")
    for i, word in enumerate(words_):
        bare = word.strip('.,;:!?()"')
        low = bare.lower()
        if low in _PRONOUNS:
            new = _PRONOUNS[low]
            if low == "her":  # possessive before a noun ("her first race"), else the object ("told her")
                after = words_[i + 1].strip('.,;:!?()"').lower() if i + 1 < len(words_) else ""
                ends = word.endswith((".", ",", ";", ":", "!", "?"))
                new = "me" if ends or not after or after in _OBJECT_NEXT else "my"
            new = new[0].upper() + new[1:] if bare[:1].isupper() or new == "I" else new
            word = word.replace(bare, new)
        elif out and out[-1].strip(".,;:") == "I" and low in _VERB_AFTER_I:
            word = word.replace(bare, _VERB_AFTER_I[low])
        out.append(word)
    return " ".join(out)


_MANAGER = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "we": "we",
}


def their_view(note: str) -> str:
    """A note the manager wrote ("I disagreed with the timing; he asked for data"), as the person says it back:
    the manager's I/my become you/your, and the person's he/she/their become I/my."""
    out: list[str] = []
    for word in note.split(" "):
        bare = word.strip('.,;:!?()"')
        low = bare.lower()
        if low in _MANAGER and low != "we":
            new = _MANAGER[low]
            word = word.replace(bare, new[0].upper() + new[1:] if bare[:1].isupper() and not out else new)
        out.append(word)
    text = first_person(" ".join(out))
    return re.sub(r"\b([Yy]ou) (am|was)\b", lambda m: f"{m.group(1)} " + {"am": "are", "was": "were"}[m.group(2)], text)


def as_statement(note: str) -> str:
    """The note as a full first-person sentence the persona can say ("I'm training for …")."""
    text = their_view(note.strip()).rstrip(".;, ")
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    low = first.lower()
    if _is_gerund(low) or low in _STATE_WORDS:
        text = "I'm " + text[:1].lower() + text[1:]
    elif _PAST_START.match(low) and low not in ("need", "feed"):
        text = "I " + text[:1].lower() + text[1:]
    return text[:1].upper() + text[1:] + "."


_WHEN = re.compile(
    r"\b(?:this|next|coming|on) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:this|next) (?:week(?:end)?|month|year)\b|\btomorrow\b|\btonight\b|\bsoon\b|"
    r"\bin (?:a|two|three|\d+) (?:days?|weeks?)\b",
    re.I,
)
_THEN = (
    (re.compile(r"\bthis (\w+)"), r"that \1"),
    (re.compile(r"\btomorrow\b"), "the next day"),
    (re.compile(r"\btonight\b"), "that night"),
    (re.compile(r"\bnext (\w+)"), r"the following \1"),
)


def dated(statement: str, days: int) -> str:
    """A note that speaks of its own time ("is this Sunday") said from today: reported, tense and time shifted.

    "My half marathon is this Sunday." a week later is "About a week ago I said my half marathon was that Sunday."
    """
    if days < 3 or not _WHEN.search(statement):
        return statement
    text = statement.rstrip(".")
    text = re.sub(r"\bI'm\b", "I was", text)
    text = re.sub(r"\b(I|we)'ll\b|\b(I|we) will\b", lambda m: (m.group(1) or m.group(2)) + " would", text)
    text = re.sub(r"\b(I|[Mm]y [\w-]+(?: [\w-]+)?) (am|is)\b", lambda m: f"{m.group(1)} was", text)
    text = re.sub(r"\b(we|they) are\b", lambda m: f"{m.group(1)} were", text)
    for pattern, repl in _THEN:
        text = pattern.sub(repl, text)
    return f"{weeks_phrase(days)[:1].upper()}{weeks_phrase(days)[1:]} I said {lower_first(text)}."


def lower_first(text: str) -> str:
    """Lowercase the first letter unless the first word is a name or an acronym ("I", "Tom", "API")."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1:2].isupper()):
        return text
    return text[:1].lower() + text[1:]


def mine(text: str, name: str) -> str:
    """A line about the person, with their name turned into "me" ("Send Tom the notes" -> "Send me the notes")."""
    parts = [re.escape(p) for p in name.split() if len(p) > 1]
    if not parts:
        return text
    full = r"\s+".join(parts)
    pattern = rf"\b(?:{full}|{'|'.join(parts)})(?:'s)?\b"

    def swap(match: re.Match[str]) -> str:
        return "my" if match.group(0).endswith("'s") else "me"

    return re.sub(pattern, swap, text)


_VOWELS = "aeiou"


def gerund(verb: str) -> str:
    """The -ing form of an English verb by the spelling rules (set -> setting, share -> sharing)."""
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    short_cvc = (
        len(v) <= 4 and len(v) >= 3 and v[-1] not in _VOWELS + "wxy" and v[-2] in _VOWELS and v[-3] not in _VOWELS
    )
    return v + v[-1] + "ing" if short_cvc else v + "ing"


def as_gerund_phrase(action: str, name: str) -> str:
    """An action as a phrase for "Did you get anywhere with …?" ("Book the room" -> "booking the room")."""
    text = mine(action.strip().rstrip("."), name)
    words = text.split(" ")
    if not words or not words[0]:
        return text
    first = words[0].lower()
    if text.lower().startswith(_ARTICLES) or _is_gerund(first):
        return lower_first(text)
    if first.isalpha():
        return " ".join([gerund(first), *words[1:]])
    return lower_first(text)


def weeks_phrase(days: int) -> str:
    """How long ago, the way a person says it."""
    if days <= 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    weeks = round(days / 7)
    if weeks <= 1:
        return "about a week ago"
    if weeks < 9:
        return f"about {_NUMBER.get(weeks, str(weeks))} weeks ago"
    months = round(days / 30)
    return f"about {_NUMBER.get(months, str(months))} months ago"


_NUMBER = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def number_word(n: int) -> str:
    return {1: "one", **_NUMBER}.get(n, str(n))
