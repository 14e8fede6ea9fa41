"""The brief as one Markdown page. Every piece of user text goes through `md` (escaped, on one line)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from coach.textsafe import md_escape

if TYPE_CHECKING:
    from coach.coaching.brief import Brief

md = partial(md_escape, flat=True)


def render(brief: Brief) -> str:
    p, a = brief.person, brief.attendance
    role = f" · {md(p.role)}" if p.role else ""
    lines = [f"# Prep: {md(p.name)}", "", f"*{brief.label}*{role}", ""]
    if p.context:
        lines += [f"> {md(p.context)}", ""]
    lines += ["## Purpose", "", brief.purpose, ""]
    lines += ["Outcomes to aim for:", "", *[f"- {o}" for o in brief.outcomes], ""]
    lines += ["## Three key questions", "", *[f"{i}. {q}" for i, q in enumerate(brief.key_questions, 1)], ""]
    lines += [f"*After {brief.source}*", ""]
    lines += ["## Opener", "", md(brief.opener), ""]
    if brief.personal_followups:
        lines += ["## Personal follow-ups (only if they want to share)", ""]
        lines += [f"- {'♥ ' if f.sensitive else ''}{md(f.text)}" for f in brief.personal_followups] + [""]
    if brief.watch_outs:
        lines += ["## Watch-outs", "", *[f"- ⚠ {md(w.text)}" for w in brief.watch_outs], ""]
    lines += ["## Open actions", ""]
    if not brief.open_actions:
        lines += ["None open.", ""]
    titles = (
        ("them", "Theirs"),
        ("me", "Yours"),
        ("both", "Shared"),
        ("other", "Others'"),
        ("unclear", "Owner unclear"),
    )
    for owner, title in titles:
        items = [x for x in brief.open_actions if x.owner == owner]
        if not items:
            continue
        lines += [f"**{title}**", ""]
        for x in items:
            due = f", due {x.due.isoformat()}" if x.due else ""
            flag = " **overdue**" if x.overdue else ""
            who = f"{md(x.owner_name)} (other), " if owner == "other" and x.owner_name else ""
            lines.append(f"- \\#{x.id} {md(x.text)} ({who}{x.age_days} days old{due}){flag}")
        lines.append("")
    last = a.last_held.isoformat() if a.last_held else "never"
    lines += [
        "## Attendance",
        "",
        f"Last {a.scheduled} scheduled: {a.held} held, {a.cancelled_by_me} cancelled by you, "
        f"{a.cancelled_by_them} cancelled by them, {a.moved} moved. Current streak: {a.streak} held. "
        f"Last held: {last}.",
        "",
    ]
    lines += ["## From the knowledge base", ""]
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
