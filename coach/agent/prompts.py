"""System prompts from `prompts/*.md`, filled with `$name` placeholders.

Anything that came from outside (knowledge passages, the user's notes, memory)
goes into a delimited data block, and any text inside it that looks like one
of our delimiters is neutralised, so a passage cannot close its own block and
pose as instructions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from string import Template

from coach.domain import Passage
from coach.errors import CoachError
from coach.resources import prompts_dir

DATA_TAGS = ("passage", "passages", "brief", "notes", "data", "persona", "person", "transcript", "scorecard")
_TAG_LIKE = re.compile(r"<(\s*/?\s*)(" + "|".join(DATA_TAGS) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=32)
def _template(name: str) -> Template:
    path = prompts_dir() / f"{name}.md"
    try:
        return Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CoachError(f"prompt {name!r} is missing ({path}): {exc.strerror}") from None


def render(name: str, **values: str) -> str:
    """The named prompt with every `$placeholder` filled; unknown names are an error.

    Values are inserted once, so a `$` or `{}` inside user data is never expanded.
    """
    try:
        return _template(name).substitute(values).strip() + "\n"
    except KeyError as exc:
        raise CoachError(f"prompt {name!r} needs a value for {exc.args[0]!r}") from None


def neutralise(text: str) -> str:
    """Make delimiter-like text inside data inert (`<passage` becomes `‹passage`)."""
    return _TAG_LIKE.sub(lambda m: "‹" + m.group(1) + m.group(2), text)


def _attr(value: object) -> str:
    return neutralise(str(value)).replace('"', "'").replace("<", "‹").replace(">", "›").replace("\n", " ")


def data_block(tag: str, text: str, **attrs: object) -> str:
    """`<tag a="...">text</tag>` with the text and attributes made inert."""
    if tag not in DATA_TAGS:
        raise ValueError(f"unknown data tag {tag!r}")
    head = "".join(f' {k}="{_attr(v)}"' for k, v in attrs.items())
    return f"<{tag}{head}>\n{neutralise(text).strip()}\n</{tag}>"


def cite(p: Passage) -> str:
    return f"[{p.title} — {p.source}]"


def passages_block(passages: Iterable[Passage]) -> str:
    """Passages as data blocks carrying their citation."""
    parts = [data_block("passage", p.text, title=p.title, source=p.source, id=p.chunk_id) for p in passages]
    return "\n".join(parts) if parts else "(no passages from the knowledge base)"
