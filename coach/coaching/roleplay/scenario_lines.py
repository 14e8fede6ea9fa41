"""What each scenario puts in the persona's mouth beyond memory: its talk, its own next steps, its first line.

No facts here, only the situation; memory's facts come from `topics.py` and `agenda.py`.
Slots: {topic}, {role}, {cancelled}, {request}, {phrase}.
"""

from __future__ import annotations

# What each scenario has on the person's mind beyond memory (no facts, only the situation).
SCENARIO_TALK: dict[str, tuple[str, ...]] = {
    "after-cancellations": (
        "A fair bit has piled up since we last talked.",
        "I've been sorting most things out on my own, which is fine, mostly.",
        "I wasn't sure today would actually happen, to be honest.",
        "I've had a few things I wanted to run past you, but they went stale.",
        "Some weeks it felt like I was working in a bit of a bubble.",
    ),
    "first-1on1": (
        "I'm still finding my feet as {role}.",
        "Everyone's been friendly, but I'm still working out how things really get done here.",
        "I'm trying to work out who to go to for what.",
        "It's a lot of new names and new tools at once.",
        "I'm used to a different pace, so I'm still calibrating.",
        "I don't want to ask too many questions and look lost.",
    ),
    "performance-concern": (
        "I know a few things have slipped lately.",
        "Most weeks my plans get eaten by whatever lands that morning.",
        "I've been saying yes to a lot of things.",
        "I keep meaning to get back to it and then the day is gone.",
        "It's not that I don't know how to do it.",
    ),
    "may-leave": (
        "Work's fine. It's the same as it's been.",
        "I've been doing more or less the same thing for a while now.",
        "I don't get as much out of it as I used to.",
        "I used to get excited about new projects here.",
        "Some days I'm just getting through the list.",
    ),
    "say-no": (
        "I know it's a big ask.",
        "I've thought about this for a while before asking.",
        "I wouldn't ask if it didn't matter.",
        "I've tried to make it work as things are.",
        "It would make a real difference to me.",
    ),
    "impossible-timeline": (
        "The date isn't really up for debate.",
        "Leadership is watching this one closely.",
        "I need to be able to say we're on it.",
        "I've already said we can make it happen.",
        "I don't want to go back and say it's slipping.",
    ),
    "peer-conflict": (
        "My team found out about the change second-hand.",
        "We had plans built around the old way of doing it.",
        "I'd rather sort this out between us than escalate it.",
        "It cost us most of a sprint to re-plan.",
        "I don't think it was meant badly, but it landed badly.",
    ),
    "opener": (
        "It's been a full week.",
        "Work's busy, but in a normal way.",
        "I'm okay, mostly.",
        "I've had a few late nights this week.",
        "Nothing dramatic, just a lot going on.",
    ),
    "promotion": (
        "I've been thinking a lot about {topic}.",
        "I feel like I've been working at the next level for a while.",
        "I want to know what it would actually take.",
        "I'd like to know what people above me actually look for.",
        "I want to stretch, not just do more of the same.",
    ),
    "disagree-with-boss": (
        "I've made the call, and I had reasons.",
        "It's not a decision I took lightly.",
        "I'm open to hearing it, but I'll need more than a feeling.",
        "The timing wasn't my choice alone.",
        "There's more context above me than you see.",
    ),
    "strategy-drift": (
        "The teams are busy, that's not the problem.",
        "A lot of what lands on us is urgent, and the strategy work gets pushed.",
        "My leads each read the strategy a bit differently.",
        "Every team thinks its own work is the priority.",
        "I end up refereeing more than leading.",
    ),
}

# The person's own next steps, per scenario.
PROPOSALS: dict[str, tuple[str, ...]] = {
    "after-cancellations": (
        "put a short agenda in our shared doc before each 1:1",
        "bring the three things that piled up, and we go through them in order",
        "keep our slot even when it's quiet, so we don't drift apart again",
    ),
    "first-1on1": (
        "write down what a good first three months would look like for me and bring it next time",
        "set up a coffee with two people on the team I haven't met properly yet",
        "pick one thing to learn properly this month",
    ),
    "performance-concern": (
        "cut my list down to the two actions that really matter and finish those first",
        "tell you early when something is slipping instead of letting it sit",
        "block two mornings a week for the work that keeps getting pushed",
    ),
    "may-leave": (
        "write down what I'd want the next year to look like and bring it next time",
        "talk to you before I decide anything",
        "ask for one piece of work that stretches me",
    ),
    "say-no": (
        "try a different arrangement for a month and see if it works",
        "write up what I actually need and what I could offer in return",
        "talk to the team about how we cover the mornings between us",
    ),
    "impossible-timeline": (
        "go back to leadership with the two options and a recommendation",
        "hold the date for the first part and move the rest",
        "get you in the room when I present the revised plan",
    ),
    "peer-conflict": (
        "tell you before anything on my side changes, and I'd like the same",
        "set up a short sync between our two teams every other week",
        "walk my team through what changed and why, with you there",
    ),
    "opener": (
        "bring the one thing I most want your view on next time",
        "start our next 1:1 with what's been hardest that week",
        "keep the first ten minutes of these for how things are going, not status",
    ),
    "promotion": (
        "draft what the next level looks like in my role and what evidence I'd need",
        "take the lead on one piece of work that shows the wider scope",
        "ask two senior people what made the difference for them",
    ),
    "disagree-with-boss": (
        "look at your data properly before I decide",
        "hold the timeline for two weeks while we check your numbers",
        "bring you into the next planning discussion on it",
    ),
    "strategy-drift": (
        "map each of my teams' plans against the strategy and bring it to our next 1:1",
        "meet the other department heads so our roadmaps line up",
        "stop taking ad-hoc requests that don't serve the strategy, and tell my leads why",
    ),
}
OWN_ACTION = "finish {phrase} first, in small steps, and tell you where it stands by Friday"

# The persona's first line when it speaks first; {cancelled} and {request} come from memory and the scenario.
OPENERS: dict[str, tuple[str, ...]] = {
    "after-cancellations": (
        "Oh, we're actually meeting today. It's been a while.",
        "So we're on today? The last few kept getting moved.",
    ),
    "after-cancellations-count": (
        "Oh, we're actually on today. The last {cancelled} got cancelled.",
        "So this one's happening? After the last {cancelled} fell through, I wasn't sure.",
    ),
    "promotion": (
        "Thanks for making time. I wanted to talk about {topic}. I think I'm ready for more.",
        "Can I start? I've been thinking a lot about {topic}.",
    ),
    "disagree-with-boss": (
        "You asked for some time. What's up?",
        "I've got fifteen minutes. What did you want to discuss?",
    ),
    "say-no": (
        "Can I ask you for something? I'd like {request}.",
        "I've been meaning to ask: would it be possible {request}?",
    ),
    "impossible-timeline": (
        "I need the new release out by the end of the month. Can you make that work?",
        "Quick one: leadership wants the release by month end. You can do that, right?",
    ),
    "peer-conflict": (
        "Thanks for finding the time. I wanted to talk about the change your team made last week.",
        "Can we talk about last week? My team was caught out by the change on your side.",
    ),
}
