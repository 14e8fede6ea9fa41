"""Show untrusted text (names, notes, model output) without letting it drive the terminal.

Text is stored exactly as given; only what is displayed is made safe. Control
characters (ESC, BEL, the C1 range including OSC/CSI introducers), bidi overrides
and invisible characters (zero-width space, word joiner, byte-order mark...) become
visible escapes such as ``\\x1b`` or ``\\u200b``, so an escape sequence in a note
is shown as text, never executed, and a hidden character is seen.
"""

from __future__ import annotations

import re
from typing import Any

# Unicode's default-ignorable code points (DerivedCoreProperties.txt): drawn as nothing at all, so a
# name or note holding one looks the same as one without. Joiners (U+200C/D) and variation selectors
# (U+FE00-FE0F) stay out of this set: scripts and emoji need them and they hide nothing on their own.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{_IGNORABLE}]")
_CONTROL_ALL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_IGNORABLE}]")
HIDDEN = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_IGNORABLE}\\u200c\\u200d]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    out = _CONTROL.sub(_escape, text)
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


def inline(text: str, width: int = 0) -> str:
    """Text shown inside one line (a table cell, a name in a message): every control character escaped,
    newlines and tabs too, so a name can neither break a table nor pass for another; cut at `width`."""
    return shorten(_CONTROL_ALL.sub(_escape, text), width) if width else _CONTROL_ALL.sub(_escape, text)


def shorten(text: str, width: int = 80) -> str:
    """`text` cut to `width` characters with an ellipsis and the full length, for echoing what a user typed."""
    if len(text) <= width:
        return text
    return f"{text[: max(1, width - 1)]}… ({len(text):,} characters)"


def one_line(text: str, width: int = 0) -> str:
    """A single display line, shortened with an ellipsis when `width` is set."""
    flat = " ".join(printable(text, keep_newlines=False).split())
    if width and len(flat) > width:
        return flat[: max(0, width - 1)] + "…"
    return flat


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str, *, flat: bool = False) -> str:
    """User text inside a Markdown source: printable, shown literally, never as markup.

    `flat` also folds it onto one line (for list items and headings).
    """
    shown = " ".join(printable(text, keep_newlines=False).split()) if flat else printable(text)
    return _MD_SPECIAL.sub(r"\\\1", shown)


def json_text(data: Any) -> str:
    """JSON as every `--json` prints it: UTF-8 as written (not \\u escapes), indented, dates as text."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
