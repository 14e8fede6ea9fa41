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


# Chat spellings, common typos and missing apostrophes, fixed before any rule reads the text.
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
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "nxt": "next",
    "volunteerd": "volunteered",
    "offerred": "offered",
    "offred": "offered",
    "agred": "agreed",
    "promissed": "promised",
    "prommised": "promised",
    "promiised": "promised",
    "suggestd": "suggested",
    "sugested": "suggested",
    "sugestd": "suggested",
    "ssuggested": "suggested",
    "wk": "week",
    "wil": "will",
}
# Fixes that depend on the words around them (case is kept for the parser).
_IN_CONTEXT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(^|[(,;:]\s*|\b(?:and|so|then|but)\s+)(?:ill|Ill|iwill)(?=\s+[a-z])"), r"\1I'll"),
    (re.compile(r"(^|[\s(,;:])i(?=[\s']|$)"), r"\1I"),
    (re.compile(r"\b(she|he|they|we|you)ll\b", re.I), r"\1'll"),
    (re.compile(r"\b(she|he)s\b", re.I), r"\1's"),
    (re.compile(r"\b(do|does|did|wo|ca|is|are|was|were|has|have|had)nt\b", re.I), r"\1n't"),
    (re.compile(r"\bw/"), "with "),
)
_SPELT = re.compile(
    r"(?<![\w'])(" + "|".join(map(re.escape, sorted(SPELLINGS, key=len, reverse=True))) + r")(?![\w'])", re.I
)


def respell(text: str) -> str:
    """`text` with the spellings above fixed; a capitalised word stays capitalised ("Tmrw" -> "Tomorrow")."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        out = SPELLINGS[word.lower()]
        return out[:1].upper() + out[1:] if word[:1].isupper() and len(word) > 1 else out

    text = _SPELT.sub(fix, text)
    for pattern, repl in _IN_CONTEXT:
        text = pattern.sub(repl, text)
    return text


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
TAG_TAIL = re.compile(
    r"(^|\s)(right|ok|okay|yeah|yes|no|correct|true|eh|huh|agreed|fair|"
    r"(isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|haven't|hasn't|shouldn't) "
    r"(it|you|we|they|he|she|i|there|that))$"
)

# Life beyond the work role (the debrief keeps notes that mention these; the line scorer reads asks
# and reveals about them). Sensitive ones (health, loss, family strain) are followed up with care.
SENSITIVE_WORDS = words(
    """anxiety anxious bereavement burned burnout cancer depression diagnosis died divorce exhausted funeral grief
    hospital ill injured injury miscarriage operation passed pregnancy pregnant separated sick stress stressed
    surgery therapy unwell"""
)
PERSONAL_WORDS = SENSITIVE_WORDS | words(
    """apartment babies baby band birthday boyfriend brother cat cello child children city climbing cooking cycling
    dad daughter doctor dog energy family father flat football garden girlfriend guitar gym health hike hiking
    hobby holiday house husband isolated kid kids life lonely marathon married mom mother moved moving mum music
    parent parents partner pet piano puppy race recharge relax rested running school sister sleep sleeping soccer
    son sons spouse tired travel travelling trip unwind vacation wedding weekend well-being wellbeing wife
    yourself"""
)
_PERSONAL_PHRASES = (
    r"holidays?",
    r"time off",
    r"kids?",
    r"daughters?",
    r"parents?",
    r"sisters?",
    r"brothers?",
    r"grand\w+",
    r"at home",
    r"home life",
    r"back home",
    r"new city",
    r"the move",
    r"moving house",
    r"settling in",
    r"settle in",
    r"outside (of )?work",
    r"free time",
    r"spare time",
    r"some rest",
    r"any rest",
    r"switch off",
    r"over the break",
    r"garden\w*",
    r"pets?",
    r"in the first place",
    r"got you into",
)
TOPICS = re.compile(r"\b(" + "|".join([*_PERSONAL_PHRASES, *sorted(PERSONAL_WORDS, key=len, reverse=True)]) + r")\b")
# A personal ask that leaves the person free not to answer.
OPT_OUT = re.compile(r"only if|no pressure|don't have to|if you('d| would)? (like|want)|feel free not|no need to", re.I)
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

# Verbs of doing: a clause that opens with one hands over a task (the line scorer), and a bullet that
# opens with one is a next step (the debrief).
ACTION_VERBS = words(
    """accept add agree aim align approve arrange ask assign attach automate avoid be block book break bring build
    buy call cancel cc change chase check circulate clarify clean close collect commit complete confirm connect
    consider contact copy create cut decline delegate delete deliver deploy do document double-check draft drop
    e-mail email escalate estimate feed file finalise finalize find finish fire fix flag focus follow forward
    gather get give go hand hire hold ignore include introduce invite join keep lead learn leave limit list look
    loop make map measure meet mention merge message migrate move nominate note order organise organize outline
    own pair pick ping plan post prep prepare present print prioritise prioritize propose publish push put raise
    reach read reduce refactor reject release remove replace reply report respond review revisit rework rewrite
    run schedule send set share ship sign simplify skip sort speak spend split start stay stop submit summarise
    summarize switch sync take talk test tidy track try update use watch wrap write"""
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
