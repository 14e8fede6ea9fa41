"""Show untrusted text (names, notes, model output) without letting it drive the terminal.

Text is stored exactly as given; only what is displayed is made safe. Control
characters (ESC, BEL, the C1 range including OSC/CSI introducers) become
visible escapes such as ``\\x1b``, so an escape sequence in a note is shown as
text, never executed.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = True) -> str:
    def repl(match: re.Match[str]) -> str:
        return f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}"

    out = _CONTROL.sub(repl, text)
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


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
