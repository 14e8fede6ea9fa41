"""Template banks for the offline persona. Slots: {role}, {topic}, {action}, {work}, {share}, {proposal}.

A reply is tone prefix + body + tail, so a small bank yields hundreds of distinct
lines and the engine never has to repeat itself in a session.
"""

from __future__ import annotations

from coach.coaching.roleplay.persona import Temperament

TONE: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("", "Hm. ", "Well, ", "Okay. ", "Right. "),
    Temperament.open: ("", "Sure! ", "Oh, good question. ", "Happy to. ", "Right, so "),
    Temperament.frustrated: ("", "Look, ", "Honestly? ", "Fine. ", "Okay, well, "),
    Temperament.anxious: ("", "Um, ", "Sorry, ", "Okay, so ", "Oh! "),
    Temperament.skeptical: ("", "Hmm. ", "Well, ", "Okay... ", "I suppose "),
}

TAILS: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("", ""),
    Temperament.open: ("", " Happy to say more."),
    Temperament.frustrated: ("", " It's been a long few weeks."),
    Temperament.anxious: ("", " I hope that's okay."),
    Temperament.skeptical: ("", " We'll see."),
}

BODIES: dict[str, tuple[str, ...]] = {
    "short": (
        "Yes, it's on track.",
        "Mostly, yes.",
        "Not yet.",
        "It's fine.",
        "Yeah, I think so.",
        "More or less.",
        "I'd have to check.",
        "No real blockers.",
        "That's right.",
        "Sort of.",
    ),
    "comply": (
        "Okay, I'll do that.",
        "Sure, I can do that.",
        "Fine, I'll get it done.",
        "Understood.",
        "Alright. By when?",
        "Noted. It goes on the list.",
        "If that's what you want, sure.",
        "Okay. Anything else?",
        "Right, I'll sort it.",
    ),
    "talk": (
        "As {role}, most of my week goes on {topic}. It's going okay, but there's more to it than the updates show.",
        "The honest picture: {topic} takes more of my time than I expected.",
        "There's a lot going on. {work} is still on my mind.",
        "I've been thinking about {topic}. Some of it is going well, some of it less so.",
        '"{action}" has been sitting with me for a while, and I haven\'t cracked it yet.',
        "It's been a mixed few weeks. {work}, and everything around it.",
        "The part nobody sees is how much coordination {topic} takes.",
        "The work itself is fine. It's the interruptions around {topic} that wear me down.",
    ),
    "propose": (
        "If I'm honest, the priority should be {topic}. I think I'll {proposal}.",
        "Let me think... I'd like to {proposal}. That feels like the right next step.",
        "What would help most is focus. My plan: I'll {proposal}.",
        "I've been meaning to say this: I want to {proposal}, and I'd like your backing.",
        "For me the priority is clearer now. I'll {proposal} and show you next time.",
        "Honestly, I'd {proposal}. Can we check in on it next week?",
    ),
    "personal_guarded": (
        "I'm fine, thanks. Busy.",
        "All good. Why do you ask?",
        "Okay, I suppose. Nothing worth mentioning.",
        "Fine. Shall we get to the work stuff?",
        "Not much to report, really.",
        "It was alright, thanks.",
        "Oh, you know. Same as usual.",
    ),
    "personal_open": (
        "Thanks for asking, actually. {share}",
        "Honestly, it's been a lot. {share}",
        "That's kind of you to ask. {share}",
        "Better than last month, I think. {share}",
        "I appreciate you asking. {share}",
    ),
    "reveal_cool": (
        "Oh. Sorry to hear that.",
        "Right. That sounds hard.",
        "Huh, I didn't know that.",
        "Thanks for telling me.",
        "Okay. That can't be easy.",
    ),
    "reveal_warm": (
        "I didn't know that, thanks for sharing. {share}",
        "That helps, knowing you have weeks like that too. {share}",
        "I appreciate you telling me. {share}",
        "Ha, it's oddly reassuring to hear. {share}",
    ),
    "ack": ("Okay.", "Right.", "Mm-hm.", "I see.", "Sure.", "Got it.", "Makes sense.", "If you say so."),
}

# What the person shares when they feel safe: their own note, or something generic.
SHARE_NOTE = (
    "{note}, so that's been on my mind.",
    "The big thing outside work right now: {note_lc}.",
    "{note}. That's where my head is lately.",
    "Outside work? {note}. It's a lot, but a good kind of lot.",
)
SHARE_GENERIC = (
    "Life outside work is busy but good.",
    "I've been trying to sleep more, with mixed results.",
    "A few things going on at home, nothing dramatic.",
    "I finally had a quiet weekend, which helped.",
)
ASK_BACK = (" How about you?", " And how are you doing?", " What about you, how's your week been?")

PROPOSALS: dict[str, tuple[str, ...]] = {
    "first-1on1": (
        "write down what a good first three months would look like for me and bring it next time",
        "pick one thing on my plate to drop so I can focus",
        "set up a coffee with two people on the team I haven't met properly yet",
    ),
    "missed-actions": (
        "cut my list down to the two actions that really matter and finish those first",
        "tell you early when something is slipping instead of letting it sit",
        "block two mornings a week for the work that keeps getting pushed",
    ),
    "promotion": (
        "draft what the next level looks like in my role and what evidence I'd need",
        "take the lead on one piece of {topic} to show I can carry the wider scope",
        "ask two senior people what made the difference for them",
    ),
    "after-cancellations": (
        "put a short agenda in our shared doc before each 1:1",
        "bring the three things that piled up and we go through them in order",
        "keep our slot even when it's quiet, so we don't drift apart again",
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
OWN_ACTION = 'break "{action}" into a first small step and finish that this week'

SCENARIO_OPENERS: dict[str, tuple[str, ...]] = {
    "promotion": (
        "Thanks for making time. I wanted to talk about {topic}. I think I'm ready for more.",
        "Can I start? I've been thinking a lot about {topic}.",
    ),
    "after-cancellations": (
        "Oh, we're actually meeting today. It's been a while.",
        "So we're on today? The last few kept getting moved.",
    ),
    "disagree-with-boss": (
        "You asked for some time. What's up?",
        "I've got fifteen minutes. What did you want to discuss?",
    ),
}
