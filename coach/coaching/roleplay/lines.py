"""Sentence banks for the offline persona.

A reply is built from a reaction to what the manager just did and content from memory
(`topics.py`); the engine never says a sentence twice in a session, so the banks hold
many ways to react and the content varies with the facts. Leads ending in "and" or a
comma join the content into one sentence ("Yeah, exactly, and it's been a while…").
Slots: {proposal}, {note}, {note_lc}. The scenarios' own lines are in `scenario_lines.py`.
"""

from __future__ import annotations

from coach.coaching.roleplay.persona import Temperament

# A reflection lands: "Yeah, exactly, and…" joined to what the person says next.
REFLECT_LEADS = (
    "Yeah, exactly, and",
    "Exactly, and",
    "Yes, that's it, and",
    "Right, and",
    "That's it, really, and",
    "Pretty much, and",
    "You've got it, and",
    "Mm, yes, and",
    "Honestly, yes, and",
    "That's fair, and",
    "Yeah, and if I'm honest",
    "That's about right, and",
    "Spot on, and",
    "Yes, and on top of that",
)
REFLECT_ALONE = (
    "Yeah, exactly.",
    "That's it, really.",
    "Yes. That's how it feels.",
    "You've put your finger on it.",
    "Pretty much, yes.",
    "That's a fair way to put it.",
    "Mm. Yes.",
    "Right, that's the bit.",
)

# Flat compliance: a directive gets a yes and nothing of their own.
COMPLY: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: (
        "Okay, I'll do that.",
        "Understood.",
        "Right. Will do.",
        "Fine, noted.",
        "Okay. By when?",
        "Sure.",
        "I can do that.",
        "Alright.",
    ),
    Temperament.open: (
        "Sure, I can do that.",
        "Okay, happy to.",
        "Got it, I'll sort it.",
        "No problem.",
        "Okay! By when?",
        "Will do.",
        "Fair enough, I'll do it.",
        "Alright, leave it with me.",
    ),
    Temperament.frustrated: (
        "Fine.",
        "Okay. Another one for the list.",
        "If that's what you want.",
        "Sure. By when?",
        "Noted.",
        "Right. I'll add it.",
        "Okay, I'll get it done.",
        "Whatever works.",
    ),
    Temperament.anxious: (
        "Okay, sorry, I'll do that.",
        "Yes, of course.",
        "Okay. I'll try.",
        "Sure, sorry. By when?",
        "I can do that, yes.",
        "Okay, I'll make it a priority.",
        "Right, yes.",
        "Okay.",
    ),
    Temperament.skeptical: (
        "If you say so.",
        "Okay. I'll do it.",
        "Sure.",
        "Noted.",
        "Fine, by when?",
        "Right, okay.",
        "I suppose I can.",
        "Alright, if that's the plan.",
    ),
}
COMPLY_MORE = (
    "I'll put it on the list.",
    "Anything else?",
    "Okay. Is that everything?",
    "Right. Got it.",
    "I'll get on it.",
    "Okay, done.",
    "Message received.",
    "Mm. Okay.",
    "Sure thing.",
    "Understood, yes.",
    "I'll fit it in somewhere.",
    "Fine by me.",
)

# Closed questions get short answers; several in a row start to feel like a quiz.
SHORT = (
    "Yes, mostly.",
    "Not yet.",
    "More or less.",
    "I'd have to check.",
    "Yeah, I think so.",
    "Sort of.",
    "No, not really.",
    "It's fine.",
    "Roughly, yes.",
    "Mostly on track.",
    "Probably.",
    "Not as such.",
    "Yes.",
    "No.",
    "Hard to say.",
    "I think so, yes.",
    "Not really, no.",
    "Close enough.",
    "Yes, for now.",
    "Depends on the week.",
    "A bit.",
    "I'd say so.",
)
INTERROGATED: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("Is this going somewhere?", "Feels a bit like a checklist.", "Yes. Next question?"),
    Temperament.open: ("Ha, quick-fire round?", "Sure. Is there a theme here?", "Yes! Keep them coming, I guess."),
    Temperament.frustrated: ("Is this a status report?", "Yes. Anything else on the list?", "Look, yes."),
    Temperament.anxious: ("Have I done something wrong?", "Yes, sorry, is something up?", "Is everything okay?"),
    Temperament.skeptical: ("Is this a quiz?", "Yes. Where's this going?", "I feel like I'm being audited."),
}
INTERROGATED_MORE = ("Yes.", "No.", "Sure.", "Maybe.", "If you like.", "Still yes.", "Same answer.", "Fine.")

# Owning a lapse.
OWNED: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("Okay. Thanks for saying that.", "I appreciate that.", "Right. That helps, actually."),
    Temperament.open: ("Thanks, that means a lot.", "I really appreciate you saying that.", "That helps, honestly."),
    Temperament.frustrated: (
        "Okay. I didn't expect you to say that.",
        "Well, thanks for owning it.",
        "That helps more than you'd think.",
    ),
    Temperament.anxious: (
        "Oh, thank you for saying that.",
        "That's a relief to hear, honestly.",
        "Okay, thanks. I wasn't sure what you'd say.",
    ),
    Temperament.skeptical: (
        "Okay. I appreciate you saying that.",
        "Huh. Thanks for owning it.",
        "That means more than you'd think.",
    ),
}
# A clear, reasoned stance: the person engages with it (their temperament decides how).
POSITION_HEARD: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("Okay. I hear you.", "Right. That's clear, at least.", "Fair enough, I see where you stand."),
    Temperament.open: (
        "Thanks for being straight with me.",
        "Okay, that's clear. I appreciate it.",
        "Good to know where you stand.",
    ),
    Temperament.frustrated: (
        "Well, at least that's honest.",
        "Okay. Not what I wanted, but clear.",
        "Right. I'd rather hear it straight.",
    ),
    Temperament.anxious: (
        "Oh. Okay, thank you for being clear.",
        "Right, okay. That's fair.",
        "Okay. I'd rather know, honestly.",
    ),
    Temperament.skeptical: (
        "Hm. That's a fair point to raise.",
        "Okay, that's a real argument.",
        "Right. I'll grant you that's clear.",
    ),
}
OWNED_AGAIN = ("You said. It's okay.", "Yeah, I heard you.", "Thanks. Let's move on.", "Okay, okay.")

PERSONAL_GUARDED = (
    "I'm fine, thanks. Busy.",
    "All good. Why do you ask?",
    "Okay, I suppose. Nothing worth mentioning.",
    "Fine. Shall we get to the work stuff?",
    "Not much to report, really.",
    "It was alright, thanks.",
    "Oh, you know. Same as usual.",
    "Can't complain.",
    "Nothing exciting.",
)
PERSONAL_OPEN_LEADS = (
    "Thanks for asking, actually.",
    "That's kind of you to ask.",
    "Honestly? It's been a lot.",
    "I appreciate you asking.",
    "Oh, thanks for asking.",
    "Better than last month, I think.",
)
REMEMBERED = ("Thanks for remembering.", "Oh, you remembered.", "Nice of you to ask about that.")
PERSONAL_MORE = (
    "It's still a big part of my week.",
    "It's going, slowly.",
    "Some days are better than others.",
    "It's good to be asked about it.",
)
PERSONAL_PAST_MORE = ("It meant a lot to me, honestly.", "It's been on my mind a lot.", "I'm glad you asked about it.")
PERSONAL_STRAIN_MORE = ("It's still hard, honestly.", "I'm still working on it.", "It hasn't got easier yet.")
SHARE_FRAMES = (
    "{note} That's where my head has been.",
    "Outside work, {note_lc}",
    "{note} So that's been on my mind.",
    "The big thing right now: {note_lc}",
)
SHARE_GENERIC = (
    "Life outside work is busy but fine.",
    "I've been trying to sleep more, with mixed results.",
    "A few things going on at home, nothing dramatic.",
    "I finally had a quiet weekend, which helped.",
)
ASK_BACK = ("How about you?", "And how are you doing?", "What about you, how's your week been?")

REVEAL_COOL = (
    "Oh. I didn't know that.",
    "Huh. Thanks for telling me.",
    "Right. That sounds hard.",
    "Okay. That can't have been easy.",
    "I see.",
)
REVEAL_WARM = (
    "That helps, knowing you've been there too.",
    "I didn't know that. Thanks for telling me.",
    "It's oddly reassuring to hear that.",
    "I appreciate you sharing that.",
    "That makes it easier to say things, honestly.",
)

ACK = (
    "Okay.",
    "Right.",
    "Mm-hm.",
    "I see.",
    "Sure.",
    "Got it.",
    "Makes sense.",
    "Fair enough.",
    "Okay, noted.",
    "Huh.",
    "Right, okay.",
    "Mm.",
    "If you say so.",
    "I hear you.",
    "Okay then.",
)
OPEN_LEADS: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("Well,", "Hm,", "I suppose"),
    Temperament.open: ("Oh, good question,", "Right, so", "Honestly,"),
    Temperament.frustrated: ("Look,", "Honestly,", "Well,"),
    Temperament.anxious: ("Um, okay, so", "Oh, well,", "I guess"),
    Temperament.skeptical: ("Well,", "Hmm,", "I mean,"),
}
HINTS = (
    "There's something else, but it can wait.",
    "There's more to it than that, but maybe another time.",
    "I've got more on my mind than I'm saying, to be honest.",
)
REVEAL_LEADS = (
    "Can I be honest about something?",
    "Actually, there's something I've been meaning to say.",
    "Okay, since you're asking properly:",
    "Here's the real thing.",
)
DEFLECT = (
    "I don't know. What do you think?",
    "Not sure yet, honestly.",
    "Hard to say right now.",
    "I'd have to think about it.",
    "Whatever you think is best, probably.",
    "I haven't really got an answer to that.",
)
PROPOSE = (
    "I think I'll {proposal}.",
    "I'd like to {proposal}.",
    "Let me {proposal}.",
    "I want to {proposal}, if that works for you.",
    "So I'll {proposal}.",
    "Here's a thought: I'll {proposal}.",
)
NOTHING_LEFT = (
    "That's about all I've got.",
    "I think that's everything, really.",
    "Nothing more to add, honestly.",
    "I've said most of it.",
    "That's where things are.",
    "I don't have much more than that.",
    "That's it from me.",
    "Not much else, really.",
)
BEATS = (
    "(Nods.)",
    "(Shrugs.)",
    "(A pause.)",
    "(Thinks for a moment.)",
    "(Looks at you.)",
    "(Waits.)",
    "(A small smile.)",
    "(Sighs.)",
    "(Glances at the clock.)",
    "(Silence.)",
)

TAILS: dict[Temperament, tuple[str, ...]] = {
    Temperament.guarded: ("Anyway.",),
    Temperament.open: ("Happy to say more.", "Anyway, that's me."),
    Temperament.frustrated: ("It's been a long few weeks.", "Anyway."),
    Temperament.anxious: ("I hope that's okay.", "Sorry, I'm rambling."),
    Temperament.skeptical: ("We'll see.", "Anyway."),
}
