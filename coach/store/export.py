"""Export memory to JSON (restorable by import, losslessly) or Markdown (for reading)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from coach.domain import Action, Level, Meeting, Note, Person, Relationship
from coach.errors import CoachError
from coach.store.db import transaction
from coach.store.memory import Memory, name_key
from coach.textsafe import printable

FORMAT = "coach-export"
VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonDoc(_Strict):
    name: str
    relationship: Relationship
    role: str = ""
    level: Level = Level.ic
    context: str = ""
    meetings: list[Meeting] = []
    actions: list[Action] = []
    notes: list[Note] = []


class ExportDoc(_Strict):
    format: str
    version: int
    people: list[PersonDoc]


def export_json(memory: Memory) -> dict[str, Any]:
    people = []
    for name in memory.names():
        rec = memory.record(name)
        people.append(
            {
                **rec.person.model_dump(mode="json", exclude={"id"}),
                "meetings": [m.model_dump(mode="json", exclude={"person_id"}) for m in rec.meetings],
                "actions": [a.model_dump(mode="json", exclude={"person_id"}) for a in rec.actions],
                "notes": [n.model_dump(mode="json", exclude={"person_id"}) for n in rec.notes],
            }
        )
    return {"format": FORMAT, "version": VERSION, "people": people}


def export_markdown(memory: Memory) -> str:
    """A readable record. Control characters are shown escaped, never raw."""
    out = ["# coach — relationship memory", ""]
    for name in memory.names():
        rec = memory.record(name)
        p = rec.person
        out += [f"## {printable(p.name)}", "", f"- relationship: {p.relationship.value}", f"- level: {p.level.value}"]
        if p.role:
            out.append(f"- role: {printable(p.role)}")
        if p.context:
            out.append(f"- context: {printable(p.context)}")
        if rec.meetings:
            out += ["", "### Meetings", ""]
            for m in rec.meetings:
                by = f" by {m.cancelled_by.value}" if m.cancelled_by else ""
                mins = f", {m.length_minutes} min" if m.length_minutes else ""
                notes = f" — {printable(m.notes)}" if m.notes else ""
                out.append(f"- {m.date.isoformat()}: {m.status.value}{by}{mins}{notes}")
        if rec.actions:
            out += ["", "### Actions", ""]
            for a in rec.actions:
                box = "x" if a.done else " "
                due = f", due {a.due.isoformat()}" if a.due else ""
                out.append(
                    f"- [{box}] #{a.id} {printable(a.text)} (owner: {printable(a.owner_label())}, "
                    f"proposed by: {a.proposed_by.value}{due})"
                )
        if rec.notes:
            out += ["", "### What they shared", ""]
            for n in rec.notes:
                kind = "personal, sensitive" if n.sensitive else "personal" if n.personal else "work"
                out.append(f"- {n.created.date().isoformat()} ({kind}): {printable(n.text)}")
        out.append("")
    return "\n".join(out)


def write_export(path: Path, text: str) -> None:
    """Write an export readable by its owner only: it holds personal notes about people."""
    if path.is_dir():
        raise CoachError(f"{path} is a folder; give a file name, e.g. {path / 'coach-export.json'}")
    try:
        path.touch(mode=0o600, exist_ok=True)
        path.chmod(0o600)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"cannot write {path}: {exc.strerror or exc}") from None


def read_export(path: Path) -> ExportDoc:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CoachError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CoachError(f"{path} is not a coach export (JSON): {exc}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CoachError(f'{path} is not a coach export (missing "format": "{FORMAT}")')
    if raw.get("version") != VERSION:
        raise CoachError(f"{path} is export version {raw.get('version')!r}; this coach reads version {VERSION}")
    try:
        return ExportDoc.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise CoachError(f"{path}: invalid export at {where}: {err['msg']}") from None


def import_doc(memory: Memory, doc: ExportDoc, replace: bool = False) -> int:
    """Restore people from an export in one transaction. Keeps ids where they are free."""
    con = memory.con
    with transaction(con):
        for pdoc in doc.people:
            exists = con.execute("SELECT 1 FROM people WHERE name_key=?", (name_key(pdoc.name),)).fetchone()
            if exists and not replace:
                raise CoachError(f"{pdoc.name!r} already exists; nothing was imported (use --replace to overwrite)")
            if exists:  # meetings, actions and notes go with the person (ON DELETE CASCADE)
                con.execute("DELETE FROM people WHERE name_key=?", (name_key(pdoc.name),))
            person = memory._insert_person(
                Person(
                    name=pdoc.name,
                    relationship=pdoc.relationship,
                    role=pdoc.role,
                    level=pdoc.level,
                    context=pdoc.context,
                )
            )
            assert person.id is not None
            meeting_ids: dict[int | None, int | None] = {None: None}
            for m in pdoc.meetings:
                free = m.id is not None and not con.execute("SELECT 1 FROM meetings WHERE id=?", (m.id,)).fetchone()
                cur = con.execute(
                    "INSERT INTO meetings(id, person_id, date, status, cancelled_by, length_minutes, notes) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        m.id if free else None,
                        person.id,
                        m.date.isoformat(),
                        m.status.value,
                        m.cancelled_by.value if m.cancelled_by else None,
                        m.length_minutes,
                        m.notes,
                    ),
                )
                meeting_ids[m.id] = cur.lastrowid
            for a in pdoc.actions:
                free = a.id is not None and not con.execute("SELECT 1 FROM actions WHERE id=?", (a.id,)).fetchone()
                memory._insert_action(
                    person.id, a.model_copy(update={"id": a.id if free else None}), meeting_ids.get(a.meeting_id)
                )
            for n in pdoc.notes:
                free = n.id is not None and not con.execute("SELECT 1 FROM notes WHERE id=?", (n.id,)).fetchone()
                memory._insert_note(
                    person.id, n.model_copy(update={"id": n.id if free else None}), meeting_ids.get(n.meeting_id)
                )
    return len(doc.people)
