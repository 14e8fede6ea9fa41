"""Tools the model may call, and the proposals that stand between it and memory.

Reading tools answer at once. Writing tools only file a Proposal: the user
confirms it (a dialog in the TUI, `accept(id)` in code) and only then does
Memory change. The model never writes on its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from coach.domain import Action, Meeting, MeetingStatus, Note, Owner, Party, Passage, PersonRecord, Proposer
from coach.errors import CoachError, NotFoundError

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

    from coach.store.memory import Memory


class Proposal(BaseModel):
    """A change the model suggests; nothing is written until the user accepts it."""

    id: str
    kind: Literal["action", "note", "meeting"]
    person: str
    summary: str
    action: Action | None = None
    note: Note | None = None
    meeting: Meeting | None = None
    status: Literal["pending", "accepted", "rejected"] = "pending"


class ProposalBox:
    """The session's pending proposals."""

    def __init__(self) -> None:
        self.items: list[Proposal] = []
        self._ids = itertools.count(1)

    def add(self, **fields: object) -> Proposal:
        proposal = Proposal.model_validate({"id": f"p{next(self._ids)}", **fields})
        self.items.append(proposal)
        return proposal

    @property
    def pending(self) -> list[Proposal]:
        return [p for p in self.items if p.status == "pending"]

    def get(self, proposal_id: str) -> Proposal:
        for p in self.items:
            if p.id == proposal_id:
                return p
        raise NotFoundError(f"no proposal {proposal_id!r}")

    def accept(self, proposal_id: str, memory: Memory) -> Proposal:
        """Write the proposal through Memory (the only path from the model to disk)."""
        p = self.get(proposal_id)
        if p.status != "pending":
            return p
        if p.action is not None:
            memory.add_action(p.person, p.action)
        elif p.note is not None:
            memory.add_note(p.person, p.note)
        elif p.meeting is not None:
            memory.log_meeting(p.person, p.meeting)
        p.status = "accepted"
        return p

    def reject(self, proposal_id: str) -> Proposal:
        p = self.get(proposal_id)
        if p.status == "pending":
            p.status = "rejected"
        return p


def format_passages(passages: list[Passage]) -> str:
    from coach.agent.prompts import passages_block

    return passages_block(passages) + "\nCite as [title — source]."


def open_actions_text(record: PersonRecord) -> str:
    rows = [f"- {a.text} (owner: {a.owner_label()}, due: {a.due or 'none'})" for a in record.actions if not a.done]
    return "\n".join(rows) or "No open actions."


def build_tools(
    *,
    person: str | None,
    proposals: ProposalBox,
    search: Callable[[str, int], list[Passage]] | None = None,
    record: Callable[[], PersonRecord] | None = None,
    brief: Callable[[], str] | None = None,
) -> list[BaseTool]:
    """The six tools, bound to one person and one session's proposal box.

    They are coroutines so they run on the event loop's thread, where Memory's
    SQLite connection lives.
    """
    from langchain_core.tools import StructuredTool

    from coach.agent.prompts import data_block

    async def search_knowledge(query: str) -> str:
        """Search the management knowledge base; returns passages with their citations."""
        if search is None:
            return "The knowledge base is not available."
        try:
            return format_passages(search(query, 4))
        except CoachError as exc:  # the one policy: say why, and coach on without passages
            return f"The knowledge base is unavailable: {exc.message}"

    async def get_brief() -> str:
        """The prepared brief for the next 1:1 with this person."""
        return data_block("brief", brief()) if brief else "No brief is available."

    async def list_open_actions() -> str:
        """Open actions agreed with this person, with owner and due date."""
        return data_block("data", open_actions_text(record())) if record else "No memory is available."

    def _who() -> str:
        if person is None:
            raise ValueError("no person is selected in this conversation")
        return person

    async def propose_action(
        text: str,
        owner: Literal["me", "them", "both", "other", "unclear"] = "them",
        proposed_by: Literal["me", "them", "unclear"] = "unclear",
        due: str | None = None,
        owner_name: str | None = None,
    ) -> str:
        """Propose recording an action (owner: me = the manager, them = the other person, other = a third
        person or team, named in owner_name). The user confirms."""
        who = " ".join((owner_name or "").split()) or None
        if owner == "other" and who is None:
            return "An action owned by someone else needs owner_name (who will do it); nothing was proposed."
        action = Action(
            text=text,
            owner=Owner(owner),
            owner_name=who if owner == "other" else None,
            proposed_by=Proposer(proposed_by),
            due=dt.date.fromisoformat(due) if due else None,
        )
        p = proposals.add(
            kind="action", person=_who(), summary=f"action for {action.owner_label()}: {text}", action=action
        )
        return f"Proposal {p.id} is waiting for the user's confirmation; nothing is saved yet."

    async def add_note(text: str, personal: bool = False) -> str:
        """Propose remembering something the person shared (personal=True for private matters). The user confirms."""
        p = proposals.add(kind="note", person=_who(), summary=f"note: {text}", note=Note(text=text, personal=personal))
        return f"Proposal {p.id} is waiting for the user's confirmation; nothing is saved yet."

    async def log_meeting(
        date: str,
        status: Literal["held", "cancelled", "moved"] = "held",
        cancelled_by: Literal["me", "them"] | None = None,
        notes: str = "",
    ) -> str:
        """Propose logging a 1:1 (date YYYY-MM-DD). The user confirms."""
        meeting = Meeting(
            date=dt.date.fromisoformat(date),
            status=MeetingStatus(status),
            cancelled_by=Party(cancelled_by) if cancelled_by else None,
            notes=notes,
        )
        p = proposals.add(kind="meeting", person=_who(), summary=f"meeting {date} {status}", meeting=meeting)
        return f"Proposal {p.id} is waiting for the user's confirmation; nothing is saved yet."

    funcs: list[Callable[..., Awaitable[str]]] = [
        search_knowledge,
        get_brief,
        list_open_actions,
        propose_action,
        add_note,
        log_meeting,
    ]
    return [StructuredTool.from_function(coroutine=f, name=f.__name__, handle_tool_error=True) for f in funcs]


__all__ = ["Proposal", "ProposalBox", "build_tools"]
