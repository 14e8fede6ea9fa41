"""The people sidebar: who, how, what is open, how long since the last 1:1."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.domain import PersonSummary
from coach.textsafe import one_line

REL = {"report": "report", "boss": "boss", "peer": "peer"}


def person_label(s: PersonSummary, today: dt.date) -> Text:
    """Two lines per person; every piece of user text goes in as plain text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(one_line(s.person.name, 22), style="bold")
    if s.cancelled_by_me_recently:
        text.append(" ⚠", style="bold yellow")
    text.append("\n")
    since = f"{(today - s.last_held).days}d" if s.last_held else "never"
    text.append(f" {REL[s.person.relationship.value]} · {s.open_actions} open · {since}", style="dim")
    return text


class PeopleList(OptionList):
    """Option ids are the people's names, so a selection maps straight to memory."""

    class Chosen(Message):
        def __init__(self, name: str | None) -> None:
            super().__init__()
            self.name = name

    def load(
        self, summaries: list[PersonSummary], today: dt.date, keep: str | None = None, *, pick_first: bool = True
    ) -> None:
        """Show `summaries`, keeping `keep` highlighted; else the first person (`pick_first`) or no one."""
        self.clear_options()
        self.add_options([Option(person_label(s, today), id=s.person.name) for s in summaries])
        names = [s.person.name for s in summaries]
        if not names:
            self.post_message(self.Chosen(None))
            return
        if keep in names:
            self.highlighted = names.index(keep)
        elif pick_first:
            self.highlighted = 0

    @property
    def current(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))
