"""Word lists and patterns behind the utterance classifier (see `coach.coaching.analysis`).

Kept apart from the rules so the vocabulary can grow without touching the logic.
Every pattern runs on normalised text: lowercase, straight apostrophes, single
spaces, common chat spellings expanded ("r u" -> "are you").
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A word set from a space-separated string (keeps long lists readable)."""
    return frozenset(text.split())


# Chat spellings and missing apostrophes, expanded before any rule runs.
SPELLINGS: dict[str, str] = {
    "r": "are",
    "u": "you",
    "ur": "your",
    "ya": "you",
    "whats": "what is",
    "what's": "what is",
    "hows": "how is",
    "how's": "how is",
    "wheres": "where is",
    "where's": "where is",
    "whos": "who is",
    "who's": "who is",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "have to",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "youre": "you're",
    "youve": "you've",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
}

# Words at the start of a clause we skip before looking at its shape.
FILLERS = words(
    "so ok okay and but well also right hey hi then now anyway alright oh um uh erm hmm just please "
    "maybe perhaps honestly quickly actually look listen great cool sure yes yeah no"
)
# `look`, `listen` are discourse markers at the start ("look, ..."), not commands.

WH_OPEN = ("what", "how", "why")
WH_CLOSED = ("when", "where", "who", "whose", "which", "whom")
AUX = words(
    "do does did is are was were am can could would will should shall have has had may might must "
    "isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't haven't "
    "hasn't hadn't any anything anyone anybody"
)
# A word that looks like a misspelt wh-word but is a real word of its own.
NOT_TYPOS = words(
    "now new hot row low cow wow hew hey way wet who why how then than that hat wit with whe want went here there were "
    "wear ware whom whole while white whale wants wear"
)

# `how` followed by these asks for a single fact.
HOW_FACT = re.compile(r"^how (many|much|long|often|old|far|soon|big|late|early)\b")
WHAT_FACT = re.compile(r"^what (time|day|date|year|room|number|version|percentage)\b")
SUGGESTION_Q = re.compile(r"^(what if you|how about|what about|why don't you|why not|why wouldn't you)\b")

# Openers that invite a story even when phrased as a request or a yes/no question.
INVITE_STATEMENT = re.compile(
    r"^(tell me|tell us|walk me through|talk me through|take me through|describe|help me understand|say more|"
    r"(i wonder|i'm wondering|i am wondering|i was wondering) (what|how|why|about)|"
    r"i'm curious (what|how|why|about)|i am curious|"
    r"i'd (love|like) to (hear|know|understand)|i would (love|like) to (hear|know|understand))\b"
)
INVITE_AUX = re.compile(
    r"\byou (like to |want to |mind |care to )?(tell|walk me|talk me|take me|describe|explain|"
    r"say (a bit |a little |some )?more|elaborate|"
    r"share (more|a bit|what|how|your thoughts|anything)|talk about|tell me)\b"
)
CLOSED_END = re.compile(r"\b(or not|or no|or what)$")
TAG_TAIL = re.compile(
    r"(^|\s)(right|ok|okay|yeah|yes|no|correct|true|eh|huh|agreed|fair|"
    r"(isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|haven't|hasn't|shouldn't) "
    r"(it|you|we|they|he|she|i|there|that))$"
)
EITHER_OR = re.compile(r"^(do|does|did|is|are|was|were|would|will|should|can|could)\b.* or \w+")

# Personal topics: life beyond the work role.
TOPICS = re.compile(
    r"\b(weekend|holidays?|vacation|trip|time off|family|kids?|children|child|son|sons|daughters?|baby|babies|"
    r"partner|wife|husband|spouse|mum|mom|mother|dad|father|parents?|sisters?|brothers?|grand\w+|"
    r"at home|home life|back home|new city|the move|moving house|settling in|settle in|health|sleep|sleeping|"
    r"sick|doctor|hospital|surgery|injury|energy|wellbeing|well-being|outside (of )?work|"
    r"free time|spare time|some rest|any rest|rested|unwind|relax|recharge|switch off|over the break|"
    r"marathon|running|gym|cello|guitar|piano|music|football|soccer|cooking|garden\w*|"
    r"hiking|hike|puppy|dog|cat|pets?|wedding|birthday|life|yourself|in the first place|got you into)\b"
)
# Feelings: personal when they are the speaker's own, or asked of "you".
FEELINGS = re.compile(
    r"\b(stress|stressed|stressful|overwhelmed|anxious|worried|nervous|tired|exhausted|burn(ed|t)? ?out|lonely|"
    r"isolated|happy|fun|rough (week|day|time|patch|few|month)|tough week|hard time|struggling|coping|holding up|"
    r"mood|feelings?|scared|afraid|sad)\b"
)
# Asking how someone feels *about a work thing* is an opinion question, not a personal ask.
OPINION = re.compile(
    r"\b(feel|feeling|happy|worried|nervous|stressed) (about|with) (the|our|this|that|your) (?!move\b)"
)
# "How are you", "how are you doing", ... on its own or with "really/today/lately".
WELLBEING = re.compile(
    r"^(how (are|have) you( been)?( doing| feeling| going| keeping| holding up| getting on)?|how is life|"
    r"how is it going|how are things( going)? (with you|for you)|how is (life|everything|it going) (with you|for you)|"
    r"are you (ok|okay|alright|all right|well)|you (ok|okay|alright))"
    r"( (really|today|lately|these days|this week|at the moment|right now|now|honestly|overall|in yourself))*$"
)
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|my|me|myself|we|we're|we've|our)\b")
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|you're|you've)\b")
FELT_LOST = re.compile(r"\bi (felt|feel|was|am|i'm|get|got) (\w+ ){0,2}(lost|out of my depth|distracted|down)\b")

# Imperatives: clause-initial base verbs that hand over a task.
ACTION_VERBS = words(
    """send get make do finish write move stop start focus try prioritise prioritize drop cut add remove delete put
    set run ask talk sort give hand share post document present prepare clean rewrite reply respond follow own lead
    take bring keep use build find hire fire pick delegate block cancel invite organise organize prep raise flag go
    stay avoid consider read watch join pair learn include automate speak reach contact sync align message
    forward attach submit file close report track measure mention change switch replace rework revisit finalise
    finalize complete wrap deliver assign aim commit push skip ignore leave hold escalate schedule book draft fix
    update review check email call ping cc loop chase ship merge test plan list note double-check be put spend
    limit reduce split break simplify estimate release deploy copy print sign approve decline reject accept call
    order buy tidy migrate refactor rewrite outline summarise summarize"""
)
# Imperatives that invite or reassure rather than hand over a task.
SOFT_IMPERATIVE = re.compile(
    r"^(tell me|tell us|talk me through|walk me through|take me through|take your time|take care|take a breath|"
    r"describe|help me understand|say (a bit |a little )?more|go on|keep going|carry on|let me|feel free|enjoy|"
    r"have a (good|great|nice|"
    r"lovely)|don't worry|don't hesitate|do tell|think back|imagine|look at you|be kind to yourself|be gentle)\b"
)
DIRECTIVE_PHRASE = re.compile(
    r"\b(you (should|must|ought to|need to|have to|had better|'d better|better|might want to|may want to|"
    r"will need to|'ll need to|could just|can just|could|gotta)|you're going to (need|have) to|"
    r"i (need|want|would like|'d like|expect) you to|i'd like you to|i'd rather you|make sure|"
    r"it(?:'d| would) be (better|good|great|best|nice) if you|my (advice|suggestion|recommendation)|"
    r"the (answer|fix|solution) is|what you (need|should|have) to do|we (need|have|must|should|ought) to|"
    r"we should|why don't you|why not|what if you|how about you|have you (tried|considered|thought about|"
    r"thought of)(?! (what|how|why|whether|if|where|who|which))|what about (\w+ing)|how about (\w+ing))\b"
)
# Ways of saying "you could" that are about the person's options, not a task.
YOU_COULD_SOFT = re.compile(r"\byou could (tell|say|share|talk|describe|explain|see|imagine|ask me)\b")
LETS_SOFT = re.compile(
    r"^let's (talk|discuss|chat|catch up|start|begin|look|take a look|think|hear|explore|reflect|see|go over|"
    r"recap|pause|step back|figure|find out together|spend)\b"
)
YOU_REQUEST = re.compile(r"^(can|could|would|will|won't) you (please |just |quickly )?(\w+)")
WOULD_YOU_MIND = re.compile(r"^(would|do) you mind (\w+ing)\b")

# Enough English to tell an English line from another language.
ENGLISH = words(
    """the a an you your i me my we our is are was were be to of in on for and or but what how why when where who
    which do did does can could would will should have has had it this that there here ok okay so not no yes just
    about with at from tell please thanks anything any let's let"""
)
