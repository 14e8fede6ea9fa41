"""Export memory to JSON (restorable by import, losslessly) or Markdown (for reading)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from coach.domain import Action, Level, Meeting, Note, Person, Rehearsal, Relationship, Upcoming, check_name
from coach.errors import CoachError
from coach.files import write_atomic
from coach.store.calendar import insert_upcoming
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
    email: str | None = None
    meetings: list[Meeting] = []
    actions: list[Action] = []
    notes: list[Note] = []
    upcoming: list[Upcoming] = []
    rehearsals: list[Rehearsal] = []
    calendar_aliases: list[str] = []  # other addresses or calendar names the user said are this person


class AddressDoc(_Strict):
    address: str
    kind: Literal["me", "ignore"]


class ExportDoc(_Strict):
    format: str
    version: int
    people: list[PersonDoc]
    calendar_addresses: list[AddressDoc] = []  # the user's own addresses, and attendees they chose to skip


def export_json(memory: Memory) -> dict[str, Any]:
    people = []
    known = _addresses(memory)
    for name in memory.names():
        rec = memory.record(name)
        people.append(
            {
                **rec.person.model_dump(mode="json", exclude={"id"}),
                "meetings": [m.model_dump(mode="json", exclude={"person_id"}) for m in rec.meetings],
                "actions": [a.model_dump(mode="json", exclude={"person_id"}) for a in rec.actions],
                "notes": [n.model_dump(mode="json", exclude={"person_id"}) for n in rec.notes],
                "upcoming": [u.model_dump(mode="json", exclude={"id", "person_id"}) for u in rec.upcoming],
                "rehearsals": [r.model_dump(mode="json", exclude={"id", "person_id"}) for r in rec.rehearsals],
                "calendar_aliases": sorted(a for a, (kind, who) in known.items() if kind == "person" and who == name),
            }
        )
    own = [{"address": a, "kind": kind} for a, (kind, _) in sorted(known.items()) if kind != "person"]
    return {"format": FORMAT, "version": VERSION, "people": people, "calendar_addresses": own}


def _addresses(memory: Memory) -> dict[str, tuple[str, str | None]]:
    rows = memory.con.execute(
        "SELECT a.address, a.kind, p.name FROM calendar_addresses a LEFT JOIN people p ON p.id = a.person_id"
    ).fetchall()
    return {r["address"]: (r["kind"], r["name"]) for r in rows}


def export_markdown(memory: Memory) -> str:
    """A readable record. Control characters are shown escaped, never raw."""
    out = [MARKDOWN_TITLE, ""]
    for name in memory.names():
        rec = memory.record(name)
        p = rec.person
        out += [f"## {printable(p.name)}", "", f"- relationship: {p.relationship.value}", f"- level: {p.level.value}"]
        if p.email:
            out.append(f"- email: {printable(p.email)}")
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
                cal = " (calendar)" if m.uid else ""
                out.append(f"- {m.date.isoformat()}: {m.status.value}{by}{mins}{cal}{notes}")
        if rec.upcoming:
            out += ["", "### Upcoming 1:1s", ""]
            out += [f"- {u.starts_at:%Y-%m-%d %H:%M} ({u.source.value})" for u in rec.upcoming]
        if rec.rehearsals:
            out += ["", "### Rehearsals", ""]
            for r in rec.rehearsals:
                talk = "n/a" if r.talk_ratio is None else f"{round(r.talk_ratio * 100)}%"
                opens = "n/a" if r.open_question_share is None else f"{round(r.open_question_share * 100)}%"
                out.append(
                    f"- {r.created.date().isoformat()} {printable(r.scenario)}: {r.turns} turns, your talk {talk}, "
                    f"open questions {opens}, personal moves {r.personal_moves}"
                )
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
                    email=pdoc.email,
                )
            )
            assert person.id is not None
            meeting_ids: dict[int | None, int | None] = {None: None}
            for m in pdoc.meetings:
                free = m.id is not None and not con.execute("SELECT 1 FROM meetings WHERE id=?", (m.id,)).fetchone()
                if m.uid is not None:  # the same calendar occurrence kept elsewhere: it is not this one's to claim
                    taken = con.execute(
                        "SELECT 1 FROM meetings WHERE uid=? AND recurrence_id IS ?", (m.uid, m.recurrence_id)
                    ).fetchone()
                    m = m.model_copy(update={"uid": None, "recurrence_id": None}) if taken else m
                saved = memory.insert_meeting(person.id, m.model_copy(update={"id": m.id if free else None}))
                meeting_ids[m.id] = saved.id
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
            for u in pdoc.upcoming:
                insert_upcoming(con, person.id, u)
            for r in pdoc.rehearsals:
                memory.insert_rehearsal(person.id, r.model_copy(update={"id": None}))
            for alias in pdoc.calendar_aliases:
                con.execute(
                    "INSERT INTO calendar_addresses(address, kind, person_id) VALUES (?, 'person', ?) "
                    "ON CONFLICT(address) DO UPDATE SET kind='person', person_id=excluded.person_id",
                    (alias, person.id),
                )
        for entry in doc.calendar_addresses:
            con.execute(
                "INSERT INTO calendar_addresses(address, kind) VALUES (?, ?) ON CONFLICT(address) DO NOTHING",
                (entry.address, entry.kind),
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
