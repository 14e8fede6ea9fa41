"""Conversations with a model: prep, the debrief interview and Ask; proposals to memory, accepted by the user.

The workspace gathers what a conversation may read (the person's record, the brief,
passages, a checkpointer) and hands it to the agent, which never reaches back.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from coach.domain import Passage, Searcher
from coach.errors import CoachError
from coach.workspace.prep import PrepJobs

if TYPE_CHECKING:
    from coach.agent.session import ChatSession
    from coach.agent.tools import Proposal, ProposalBox

Job = Literal["prep", "debrief"]


class ModelJobs(PrepJobs):
    def model_label(self) -> str | None:
        """The model in use, or None for the offline coach."""
        choice = self.model_choice()
        return None if choice.offline else str(choice.label)

    def preload_agent(self) -> None:
        """Import LangChain and the agent (call it in a thread: it takes a second and must not freeze a screen)."""
        import coach.agent.jobs  # noqa: F401

    async def open_session(
        self,
        job: Job,
        name: str,
        *,
        model: Any = None,
        today: dt.date | None = None,
        search: Searcher | None = None,
        notes: str = "",
        opening: str | None = None,
    ) -> ChatSession:
        """A saved conversation about `name`: `prep` (opens by asking what the manager wants from the 1:1) or
        `debrief` (an interview about `notes`; `opening` is the question the user already sees).

        The brief is built in a thread: the first search may build the index, which must not stall a screen.
        """
        from coach.agent import jobs
        from coach.agent.conversations import open_saver
        from coach.agent.openings import prep_opening

        record = self.memory.record(name)
        cite = search or self.search
        built = await asyncio.to_thread(self.brief, record, today, search=cite)
        brief = str(built.to_markdown())
        if job == "prep":
            prompt, opening = jobs.prep_prompt(record, brief), prep_opening(built)
        else:
            prompt = jobs.debrief_prompt(record, brief, notes)
        person = record.person.name
        return await jobs.open_session(
            self.settings,
            job=job,
            person=person,
            system_prompt=prompt,
            model=model,
            checkpointer=await open_saver(self.settings.data_dir),
            search=cite,
            record=lambda: self.memory.record(person),
            brief=brief if job == "prep" else None,
            opening=opening,
            present=lambda: self.memory.has(person),
        )

    async def ask(
        self,
        question: str,
        person: str | None = None,
        *,
        model: Any = None,
        k: int = 4,
        earlier: Sequence[tuple[str, str]] = (),
        search: Searcher | None = None,
    ) -> tuple[ChatSession, list[Passage], str | None]:
        """One Ask question: passages are retrieved first and placed in the prompt as data.

        Returns the session, the passages and, when the index could not answer, why (the model answers
        without passages then). `earlier` (question, answer) pairs of the same Ask conversation go to the
        model as history, so a follow-up reads in context; Ask conversations are not saved.
        """
        from coach.agent import jobs

        record = self.memory.record(person) if person else None
        note: str | None = None
        try:
            passages = await asyncio.to_thread(search or self.search, question, k)  # may build the index
        except CoachError as exc:
            passages, note = [], f"Passages are unavailable: {exc.message}"
        session = await jobs.open_session(
            self.settings,
            job="ask",
            person=None,
            system_prompt=jobs.ask_prompt(question, passages, record),
            model=model,
            history=jobs.ask_history(earlier),
        )
        return session, passages, note

    def accept_proposal(self, box: ProposalBox, proposal_id: str) -> Proposal:
        """Write what the model proposed, now that the user said yes (the only path from a model to memory)."""
        return box.accept(proposal_id, self.memory)

    def check_model(self, timeout: float = 8.0) -> tuple[bool, str]:
        """Does the configured model answer? (True, what answered) or (False, why not, in one line)."""
        import time

        from coach.agent.errors import explain
        from coach.agent.factory import make_chat_model

        choice = self.model_choice()
        if choice.offline:
            return True, f"offline coach ({choice.reason})"
        try:
            chat = make_chat_model(self.settings, timeout=timeout, max_retries=0)

            async def ping() -> None:
                from langchain_core.messages import HumanMessage

                await asyncio.wait_for(chat.ainvoke([HumanMessage("Reply with OK.")], max_tokens=2), timeout + 2)

            started = time.perf_counter()
            asyncio.run(ping())
            return True, f"{choice.label} answers ({(time.perf_counter() - started) * 1000:.0f} ms)"
        except Exception as exc:
            message = explain(exc, base_url=choice.base_url, model=choice.model).message
            # Name the server once: most messages already say where it is.
            head = repr(choice.model) if choice.base_url and choice.base_url in message else choice.label
            return False, f"{head}: {message}"
