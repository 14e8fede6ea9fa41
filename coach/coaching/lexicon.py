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
    (re.compile(r"\b(she|he|they|you)ll\b", re.I), r"\1'll"),  # not "well": far more often the adverb
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


# -- The debrief's words (coach.coaching.debrief) ------------------------------------------------
# The debrief reads notes through the dependency parse; these lists name the verb classes the parse is
# read with (which governor makes a clause a commitment, and whose it is) and what a parse cannot know.

# "offer to", "promise to": the subject owns the task and raised it. "agree to": the subject owns it, the
# other side raised it. "decide", "plan": the subject owns it.
SUBJECT_CONTROL = words("offer volunteer promise commit plan intend agree decide arrange undertake pledge aim")
# "ask me to", "tell him to", "want me to": the object owns the task, the subject raised it.
OBJECT_CONTROL = words("ask tell remind want need expect assign encourage challenge invite persuade urge instruct")
# "get the gatehouse to log", "have Tom send": the subject's task is to make someone else act.
CAUSATIVE = words("get have make let")
# A wish or a request of the speaker's own: "she wants to", "she'd like", "he asked for". Not a promise,
# but what it leads to was raised by the one who wished it.
WISH = words("want like love wish prefer keen hope request demand need")
RAISE = words("ask raise request demand want like")
# Verbs done *with* someone that are still one person's task: "share the figures with her" is mine.
SOLO_WITH = words("share send give leave raise mention discuss talk speak email message brief check chat agree")
# Verbs that report speech: the clause they govern says whose commitment it is.
REPORTING = words("say mention confirm tell promise reply answer respond explain add note write email text warn")
PROPOSING = words("suggest propose recommend advise")
# A cognition or emotion governing a clause makes it a worry, a belief or a forecast, not a commitment:
# "she's worried the migration will slip", "he thinks the new beds will help".
COGNITION = words(
    """think believe reckon feel worry fear hope doubt guess suspect assume imagine expect predict bet wonder
    suppose worried concerned nervous afraid scared anxious sure confident convinced optimistic pessimistic unsure
    doubtful hopeful happy unhappy glad pleased frustrated upset annoyed stressed"""
)
# Modals and adverbs that leave a commitment open.
HEDGE_MODALS = words("might may could would 'd can")
HEDGE_ADVERBS = words("maybe perhaps possibly potentially eventually someday hopefully probably ideally")
DONE_WORDS = words("already previously")
# Phrases around a clause that take back or defer it.
HEDGE_PHRASES = re.compile(
    r"\b(at some point|some ?day|one day|if budget allows|budget permitting|if there'?s time|in theory|"
    r"would be nice|not sure|no promises?|nothing (?:decided|confirmed|agreed|firm|concrete)|not decided|"
    r"no decision|just an idea|only (?:an )?idea|idea for now|for now|not now|not yet|no rush|parking it|parked|"
    r"down the line|in the future|think about it|consider it|sleep on it|not committ?ed|no owner|"
    r"nothing to do|no action|not confirmed|tbd)\b",
    re.I,
)
# Who can own a task when named by a common noun: teams, departments and roles ("legal will check it",
# "the caretaker to unlock the hall"). Things ("the migration will slip") cannot.
AGENT_NOUNS = words(
    """team teams department dept legal finance hr it ops operations procurement purchasing payroll security
    facilities maintenance estates marketing sales pharmacy caretaker contractor contractors supplier suppliers
    vendor vendors agency manager managers director directors lead leads officer officers coordinator
    coordinators engineer engineers engineering admin administrator reception receptionist office board
    committee chef nurse nurses tutor tutors accounts treasury qa comms communications product design support
    helpdesk planning fleet transport logistics warehouse stores union rep reps secretary pa assistant head
    heads principal deputy governors trustees council cabinet panel partner partners client clients customer
    customers someone somebody everyone colleague colleagues staff crew brigade supervisor supervisors matron
    consultant consultants pharmacist technician technicians analyst analysts developer developers designer
    designers recruiter recruiters recruitment audit auditors auditor insurer insurers landlord bank registrar
    educator educators coach mentor buddy doctor gp dentist lawyer solicitor accountant accountants
    cleaner cleaners porter porters driver drivers planner planners buyer buyers merchandiser merchandising
    owner owners boss ceo cfo cto coo md vp hod hoy senco group regional region area hq services service"""
)
# Words that name no one: the owner is unclear.
NOBODY = words("someone somebody anyone anybody who tbc tbd ?")
# Headers in bulleted notes: the lines under an action header are next steps, the lines under the others
# are context ("Concerns", "Parked", "Not doing").
ACTION_HEADER = re.compile(
    r"^(?:next\s*steps?|actions?(?:\s*(?:items?|points?|list))?|aps?|to\s*-?\s*dos?|follow[- ]?ups?|agreed"
    r"(?:\s*actions?)?|tasks?|owners?|for next time|outcomes?|decisions? (?:and|&) actions?)\s*[:\-–]?\s*$",
    re.I,
)
# Time that has passed: a clause dated by one is a past event ("order new ones last month").
PAST_TIME = re.compile(
    r"\b(?:last (?:week|month|year|time|night|monday|tuesday|wednesday|thursday|friday)|"
    r"yesterday|\w+ (?:days?|weeks?|months?) ago|earlier (?:this|today))\b",
    re.I,
)
# A request turned down: "she asked me to lend a receptionist, I said no".
DECLINED = re.compile(
    r"\b(?:(?:i|we) (?:said|say) no|said no|(?:i|we) (?:can'?t|cannot|couldn'?t)|not possible|"
    r"(?:i|we) declined|turned (?:it|that|this) down|no budget)\b",
    re.I,
)
# "(done)", "- sorted", ", done already": the task is already done.
DONE_MARK = re.compile(
    r"[(\[\-–—,;]\s*(?:all\s+|already\s+)?(?:done|sorted|completed|finished|fixed|booked|sent)\b", re.I
)
CONTEXT_HEADER = re.compile(
    r"^(?:updates?|discussed|discussion|notes?|context|concerns?|worries|risks?|blockers?|issues?|wins?|"
    r"highlights?|lowlights?|parked|parking lot|not doing|fyi|background|personal|status|agenda|topics?|"
    r"summary|feedback|observations?|news|general|misc|other)\b\s*[:\-–]",
    re.I,
)
# Time words: "take Friday off" takes time, "take the tests off the list" does work.
TIME_NOUNS = words(
    """day days week weeks month months year morning mornings afternoon afternoons evening evenings night
    nights weekend weekends fortnight hour hours time leave holiday holidays break monday tuesday wednesday
    thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"""
)
# Calendar words are never a person ("Friday will be busy").
CALENDAR = words(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs fri sat sun
    january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec christmas xmas easter today tomorrow tonight yesterday eod eow eom cob"""
)
# Life beyond work that a debrief keeps as a personal follow-up ("her son started school", "moving flat
# next weekend", "mum in hospital"). A sentence needs one of these to be considered at all; whether it is
# the person's own news is decided from the sentence (`coach.coaching.debrief.personal`).
LIFE_EVENTS = re.compile(
    r"\b(marr(?:y|ied|iage)|wedding|honeymoon|engaged|engagement|divorc\w*|separat(?:ed|ing)|bab(?:y|ies)|born|"
    r"birth|pregnan\w*|expecting|due in|maternity|paternity|parental|twins|sons?|daughters?|kids?|child(?:ren)?|"
    r"little one|nursery|school|mum|mom|mother|dad|father|parents?|grand\w+|gran|nan|sister|brother|wife|"
    r"husband|partner|family|funeral|passed away|died|die|death|bereave\w*|hospital|hospice|operation|op|"
    r"surgery|sick|ill|illness|unwell|poorly|chemo\w*|cancer|diagnos\w*|diabet\w*|injur\w*|broke|broken|"
    r"fractur\w*|ivf|fertility|burn(?:t|ed)? ?out|burnout|exhausted|anxi\w*|depress\w*|grief|carer|caring for|"
    r"moving|moved|move|flat|house|apartment|mortgage|marathon|triathlon|race|swim|charity|camino|walking|"
    r"hiking|climbing|cycling|puppy|dog|cat|kitten|pet|holiday|vacation|honeymoon|retir\w*|citizenship|"
    r"visa|graduat\w*|birthday|anniversary|adopt\w*|rescue|fitness|gym|allotment|band|choir|concert|trip|"
    r"travelling|flying|new home|recovering|recovery|physio|treatment|appointments?|care home|nurse)\b",
    re.I,
)
# Personal news to follow up with particular care: health, illness, injury, bereavement, pregnancy,
# fertility, caring for someone, burnout.
SENSITIVE_EVENTS = re.compile(
    r"\b(pregnan\w*|expecting|due in|ivf|fertility|miscarr\w*|hospital|hospice|operation|op|surgery|sick|ill|"
    r"illness|unwell|poorly|chemo\w*|cancer|diagnos\w*|diabet\w*|injur\w*|broke|broken|fractur\w*|fall|"
    r"funeral|passed away|died|die|death|bereave\w*|grief|burn(?:t|ed)? ?out|burnout|exhausted|anxi\w*|"
    r"depress\w*|stress\w*|carer|caring for|recovering|recovery|physio|treatment|parental leave|moving in|"
    r"moved in|twins|therapy|mental health|sick leave)\b",
    re.I,
)
# The words a commitment hangs on, whose typos the debrief mends before parsing ("ofered", "wnats",
# "sugested", "wedensday"): a word one edit away from one of these (and not a word of its own) is read as it.
# Words of five letters are mended only for two swapped letters ("wnats"): one more edit reaches real words.
CUE_WORDS = words(
    """offered offering suggest suggests suggested suggesting agrees agreed agreeing promise promised promises
    volunteer volunteered volunteers propose proposed proposes mentioned tomorrow monday tuesday wednesday
    thursday friday saturday sunday wants asked worried worries concerned"""
)
# Verbs whose task is not to act: "decided to leave it until regional confirms", "hold off on the menu
# change", "agreed to skip next week", "we'll wait for the group contract". Decisions not to act.
DEFER = words("leave wait pause postpone defer delay shelve park skip revisit parking")
