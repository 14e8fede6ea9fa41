"""The people sidebar: who, when the next 1:1 is (or how long since the last), and the brief's headline."""

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
    """Three lines per person: the name; the next 1:1 and the open actions (without a next 1:1: the relationship,
    the open actions and the days since the last one held); the headline. User text goes in as plain text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(one_line(s.person.name, 22), style="bold")
    if s.cancelled_by_me_recently:
        text.append(" ⚠", style="bold yellow")
    text.append("\n")
    rel = REL[s.person.relationship.value]
    if s.next_1on1 is not None:
        text.append(f" next 1:1: {s.next_1on1.label(today)}", style="cyan")
        text.append(f" · {s.open_actions} open", style="dim")
    else:
        since = f"{(today - s.last_held).days}d" if s.last_held else "never"
        text.append(f" {rel} · {s.open_actions} open · {since}", style="dim")
    text.append("\n")
    text.append(f" {one_line(s.headline, 60) or 'nothing pressing'}", style="italic")
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
