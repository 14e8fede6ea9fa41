"""Export memory to JSON (restorable by import, losslessly) or Markdown (for reading)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from coach.domain import Action, Level, Meeting, Note, Person, Relationship, check_name
from coach.errors import CoachError
from coach.files import write_atomic
from coach.store.db import transaction
from coach.store.memory import Memory, name_key
from coach.textsafe import printable, shorten

FORMAT = "coach-export"
VERSION = 1
MARKDOWN_TITLE = "# coach — relationship memory"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonDoc(_Strict):
    name: str

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_name(value)

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
    out = [MARKDOWN_TITLE, ""]
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
                    f"- [{box}] #{a.id} {printable(a.text)} (owner: {a.owner.value}, "
                    f"proposed by: {a.proposed_by.value}{due})"
                )
        if rec.notes:
            out += ["", "### What they shared", ""]
            for n in rec.notes:
                kind = "personal" if n.personal else "work"
                out.append(f"- {n.created.date().isoformat()} ({kind}): {printable(n.text)}")
        out.append("")
    return "\n".join(out)


def write_export(path: Path, text: str) -> None:
    """Write an export readable by its owner only (it holds personal notes about people), atomically:
    an old backup at `path` survives a crash or a full disk whole."""
    write_atomic(path, text)


def parse_export(text: str, where: str) -> ExportDoc:
    """The export in `text` (`where` names it in messages), or CoachError saying what is wrong with it."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CoachError(f"{where} is not a coach export (JSON): {exc}") from None
    except RecursionError:
        raise CoachError(f"{where} is not a coach export: its JSON is nested too deeply") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CoachError(f'{where} is not a coach export (missing "format": "{FORMAT}")')
    version = raw.get("version")
    if type(version) is not int:
        raise CoachError(
            f"{where} gives its export version as {shorten(repr(version), 40)}, not a whole number; "
            f"this coach reads exports of version {VERSION}"
        )
    if version != VERSION:
        newer = " (from a newer coach: upgrade coach to read it)" if version > VERSION else ""
        raise CoachError(f"{where} is an export of version {version}{newer}; this coach reads version {VERSION}")
    try:
        return ExportDoc.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise CoachError(f"{where}: invalid export at {loc}: {shorten(err['msg'], 200)}") from None
    except RecursionError:  # pragma: no cover - json refuses deeper nesting first
        raise CoachError(f"{where} is not a coach export: it is nested too deeply") from None


def read_export(path: Path) -> ExportDoc:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CoachError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CoachError(f"{path} is a folder, not a coach export") from None
    except UnicodeDecodeError as exc:
        raise CoachError(f"{path} is not a coach export (JSON): {exc}") from None
    except OSError as exc:
        raise CoachError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_export(text, str(path))


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


def forget_in_exports(folder: Path, name: str) -> tuple[list[Path], list[Path]]:
    """Take a forgotten person out of the exports coach wrote into `folder` (the data directory).

    A JSON export holding them is rewritten without them (atomically); a Markdown export with a section
    for them is deleted, because Markdown cannot be rewritten reliably (a note may look like a heading).
    Returns (rewritten, removed). Files that are not coach exports are left alone.
    """
    key = name_key(name)
    rewritten: list[Path] = []
    removed: list[Path] = []
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".json", ".md") and p.is_file())
    except OSError:
        return rewritten, removed
    heading = f"## {printable(name)}"
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if path.suffix == ".md":
            if text.startswith(MARKDOWN_TITLE) and any(line.strip() == heading for line in text.splitlines()):
                path.unlink(missing_ok=True)
                removed.append(path)
            continue
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError):
            continue
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("people"), list):
            continue
        kept = [p for p in raw["people"] if not (isinstance(p, dict) and name_key(str(p.get("name", ""))) == key)]
        if len(kept) != len(raw["people"]):
            write_atomic(path, json.dumps(raw | {"people": kept}, ensure_ascii=False, indent=2) + "\n")
            rewritten.append(path)
    return rewritten, removed
