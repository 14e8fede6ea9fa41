"""The brief as Markdown, person-specific part first. Every piece of user text goes through `md` (escaped, one line).

A manager with two minutes reads the top, so the page opens with what is true of this person
only: the headline, the watch-outs, the personal follow-ups, the open actions (theirs apart from
yours, overdue first) and the opener. Then the three key questions for this kind of 1:1; the
kind's purpose and outcomes, the same for everyone of that kind, come after (the TUI folds
them), and the cited passages last.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from coach.textsafe import md_escape

if TYPE_CHECKING:
    from coach.coaching.brief import Brief

md = partial(md_escape, flat=True)
OWNER_GROUPS = (
    ("them", "Theirs"),
    ("me", "Yours"),
    ("both", "Shared"),
    ("other", "Others'"),
    ("unclear", "Owner unclear"),
)


@dataclass(frozen=True)
class BriefPage:
    """The page in three parts: `top` (about this person, then the key questions), `fold` (the kind's purpose
    and outcomes, under `fold_title`) and `sources` (the cited passages)."""

    top: str
    fold_title: str
    fold: str
    sources: str

    def whole(self) -> str:
        return "\n".join([self.top, f"## {self.fold_title}", "", self.fold, self.sources])


def render(brief: Brief) -> str:
    return page(brief).whole()


def page(brief: Brief) -> BriefPage:
    return BriefPage(_top(brief), "Purpose and outcomes", _fold(brief), _sources(brief))


def _top(brief: Brief) -> str:
    p, a = brief.person, brief.attendance
    role = f" · {md(p.role)}" if p.role else ""
    nxt = f" · next 1:1: {brief.next_1on1.label(brief.today)}" if brief.next_1on1 else ""
    lines = [f"# Prep: {md(p.name)}", "", f"*{brief.label}*{role}{nxt}", ""]
    if p.context:
        lines += [f"> {md(p.context)}", ""]
    if brief.headline:
        lines += [f"**{md(brief.headline)}**", ""]
    last = a.last_held.isoformat() if a.last_held else "never"
    lines += [
        f"Attendance, last {a.scheduled} scheduled: {a.held} held, {a.cancelled_by_me} cancelled by you, "
        f"{a.cancelled_by_them} by them, {a.moved} moved · streak {a.streak} held · last held {last}.",
        "",
    ]
    if brief.watch_outs:
        lines += ["## Watch-outs", "", *[f"- ⚠ {md(w.text)}" for w in brief.watch_outs], ""]
    if brief.personal_followups:
        lines += ["## Personal follow-ups (only if they want to share)", ""]
        lines += [f"- {'♥ ' if f.sensitive else ''}{md(f.text)}" for f in brief.personal_followups] + [""]
    lines += _actions(brief)
    lines += ["## Opener", "", md(brief.opener), ""]
    lines += ["## Three key questions", "", *[f"{i}. {q}" for i, q in enumerate(brief.key_questions, 1)], ""]
    lines += [f"*After {brief.source}*", ""]
    return "\n".join(lines)


def _actions(brief: Brief) -> list[str]:
    """Open actions grouped by owner (theirs first, yours apart), each group overdue first."""
    lines = ["## Open actions", ""]
    if not brief.open_actions:
        return [*lines, "None open.", ""]
    for owner, title in OWNER_GROUPS:
        items = sorted((x for x in brief.open_actions if x.owner == owner), key=lambda x: not x.overdue)
        if not items:
            continue
        lines += [f"**{title}**", ""]
        for x in items:
            due = f", due {x.due.isoformat()}" if x.due else ""
            flag = " **overdue**" if x.overdue else ""
            who = f"{md(x.owner_name)} (other), " if owner == "other" and x.owner_name else ""
            lines.append(f"- \\#{x.id} {md(x.text)} ({who}{x.age_days} days old{due}){flag}")
        lines.append("")
    return lines


def _fold(brief: Brief) -> str:
    lines = [brief.purpose, "", "Outcomes to aim for:", "", *[f"- {o}" for o in brief.outcomes], ""]
    return "\n".join(lines)


def _sources(brief: Brief) -> str:
    lines = ["## From the knowledge base", ""]
    if brief.passages:
        for psg in brief.passages:
            lines.append(f"- **{md(psg.title)}** ({md(psg.source)}): {md(_clip(psg.text))}")
        lines.append("")
    else:
        lines += [md(brief.passages_note or "No passages."), ""]
    return "\n".join(lines)


def _clip(text: str, width: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
