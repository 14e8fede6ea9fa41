"""Every word list, one home: spellings, the debrief's personal and action words, the line scorer's word classes.

Kept apart from the rules so the vocabulary can grow without touching the logic. The line scorer's
patterns (`coach.coaching.lines`) run on its cleaned tokens: lowercase, straight apostrophes, chat
spellings expanded ("r u" -> "are you"). Its lists are classes of words (auxiliaries, feelings,
kinship terms…), never a sentence of the corpus.
"""

from __future__ import annotations

import functools
import re
from importlib import resources


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
# Missing apostrophes: "youll", "shes", "didnt".
WILL_SUBJECTS = ("she", "he", "they", "you")  # not "we": "well" is far more often the adverb
IS_SUBJECTS = ("she", "he")
NOT_VERBS = ("do", "does", "did", "wo", "ca", "is", "are", "was", "were", "has", "have", "had")
# Fixes that depend on the words around them (case is kept for the parser).
_IN_CONTEXT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(^|[(,;:]\s*|\b(?:and|so|then|but)\s+)(?:ill|Ill|iwill)(?=\s+[a-z])"), r"\1I'll"),
    (re.compile(r"(^|[\s(,;:])i(?=[\s']|$)"), r"\1I"),
    (re.compile(r"\b(" + "|".join(WILL_SUBJECTS) + r")ll\b", re.I), r"\1'll"),
    (re.compile(r"\b(" + "|".join(IS_SUBJECTS) + r")s\b", re.I), r"\1's"),
    (re.compile(r"\b(" + "|".join(NOT_VERBS) + r")nt\b", re.I), r"\1n't"),
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


# Life beyond the work role: the debrief keeps notes that mention these (the line scorer reads life by
# category instead: KIN, HOME_LIFE, HEALTH, TIME_OFF below). Sensitive ones are followed up with care.
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
# A personal ask that leaves the person free not to answer.
OPT_OUT = re.compile(r"only if|no pressure|don't have to|if you('d| would)? (like|want)|feel free not|no need to", re.I)

# Verbs of doing: a clause that opens with one hands over a task (the line scorer, via IMPERATIVE_VERBS),
# and a bullet that opens with one is a next step (the debrief).
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

# ---------------------------------------------------------------------------------------------------
# The line scorer (`coach.coaching.lines`). These are word classes (auxiliaries, feelings, kinship
# terms...), never a sentence of the corpus: a rule reads a class by its position in the clause, and
# what no class covers is left to the learned head (`docs/nlp.md`).

# Chat spellings seen in typed lines, fixed before `respell` (which the debrief shares).
LINE_SPELLINGS: dict[str, str] = {
    "wdym": "what do you mean",
    "dyk": "do you know",
    "wdyt": "what do you think",
    "cud": "could",
    "wud": "would",
    "wld": "would",
    "shud": "should",
    "shld": "should",
    "wat": "what",
    "wot": "what",
    "thru": "through",
    "nite": "night",
    "bday": "birthday",
    "tbh": "to be honest",
    "ngl": "not going to lie",
    "btw": "by the way",
    "fyi": "for your information",
    "idk": "i don't know",
    "lmk": "let me know",
    "abt": "about",
    "b4": "before",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "gd": "good",
    "rly": "really",
    "ppl": "people",
    "dunno": "don't know",
    "gimme": "give me",
    "lemme": "let me",
    "kinda": "kind of",
    "sorta": "sort of",
    "ure": "you're",
    "thats": "that's",
    "theres": "there's",
    "whens": "when is",
    "whys": "why is",
    "why's": "why is",
    "when's": "when is",
    "who've": "who have",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "lets": "let's",
    "okey": "okay",
    "hiya": "hi",
    "u've": "you've",
    "u're": "you're",
    "u'll": "you'll",
    "u'd": "you'd",
    "uve": "you've",
}
# The same fixes word by word, for the line scorer, which reads lowercase tokens ("well", "hell" and
# "shell" are words of their own there).
WORD_SPELLINGS: dict[str, str] = {
    **{f"{s}ll": f"{s}'ll" for s in WILL_SUBJECTS if s not in ("we", "he", "she")},
    **{f"{s}s": f"{s}'s" for s in IS_SUBJECTS},
    **{f"{v}nt": f"{v}n't" for v in NOT_VERBS},
    # "whatd u get up to", "howd it go": a wh-word with "'d" typed without its apostrophe ("did" or "would":
    # either way an auxiliary after the wh-word, which is all the question's form needs).
    **{f"{w}{d}": f"{w} did" for w in ("what", "how", "where", "who", "why", "when") for d in ("d", "'d")},
    **{f"{w}ll": f"{w} will" for w in ("what", "how", "where", "who", "when")},
    **{k.lower(): v.lower() for k, v in SPELLINGS.items()},
    **LINE_SPELLINGS,
}
# "ur" is "you're" before these (a state or a participle), "your" otherwise.
UR_IS_YOU_ARE = words(
    """basically just so really not still always never clearly quite pretty too very totally completely a
    kind sort ok okay right fine good great back on off in out up over all stuck swamped gutted tired worried
    fed frustrated happy sad going doing getting feeling finding being saying thinking trying working having"""
)
# Sounds that fill a pause; removed wherever they are.
HESITATIONS = words("um umm uh uhh uhm erm er hmm hmmm mm mmm ah eh")
# Words that open a clause without changing its shape; skipped before the shape is read.
DISCOURSE = words(
    """so ok okay and but well also right hey hi hello then now anyway anyways alright oh yeah yes no yep nope
    actually honestly basically candidly frankly seriously cool great sure fine lol ugh oof aw
    wow ah sorry cheers thanks mate guys because cause plus"""
)
DISCOURSE_PHRASES = re.compile(
    r"^(to be honest|not going to lie|by the way|i mean|you know|quick one|quick question|one more thing|"
    r"for your information|just so you know|just to let you know|if i'm honest|i'll be honest( with you)?|"
    r"before we (start|get into [\w' ]+?|look at [\w' ]+?)|before i forget|in any case|at the end of the day|"
    r"can i (?:just )?(?:say|mention|be honest)(?: that)?|i (?:have|must|should|wanted|want|need) to (?:say|mention|"
    r"admit|tell you|"
    r"let you know|be honest)(?: that)?|i'll admit(?: that)?|i wanted you to know(?: that)?)\b,?\s*"
)
# Softeners before a request or an order: skipped for the shape, kept as a cue ("just move the testers").
SOFTENERS = words("just please kindly maybe perhaps possibly quickly really simply")


@functools.cache
def base_verbs() -> frozenset[str]:
    """Every English verb in its base form (WordNet's verb index, `verbs.txt`; read on first use).

    A dictionary of the language, for the verbs no hand list can foresee ("please reconcile the
    balances"); written by `python -m coach.nlp.build_verbs`.
    """
    text = resources.files("coach.coaching").joinpath("verbs.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# Verbs of thinking and feeling whose "I" chat drops ("love the new layout", "hope the kids are OK",
# "reckon the van's late", "shame the launch slipped"): opening a clause they state, they do not order.
# Not COGNITION or YOU_STATE_VERBS: "worry" is among those, and "don't worry about the rota" is an order.
DROPPED_I_VERBS = words(
    """love like hope guess reckon think bet wonder wish suppose believe feel mean want need know miss hate
    appreciate figure doubt gather trust imagine expect fear shame pity dread regret prefer"""
)

WH_WORDS = words("what how why when where who whom whose which")
# Auxiliaries and modals that open a yes/no question when they come before their subject.
AUX = words(
    """do does did is are was were am can could would will should shall have has had may might must
    isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't haven't hasn't
    hadn't mustn't"""
)
SUBJECT_PRONOUNS = words("i you we they he she it there this that everyone everybody someone anyone anybody")
# Nouns that open a one-fact question after "what" ("what time", "what shift").
FACT_NOUNS = words(
    """time day date days dates year month week hour room number numbers version percentage percent size colour
    color shift shifts bay aisle floor ward bed store site branch line code price cost rate figure figures total
    amount budget deadline address name postcode platform train flight gate slot table stage score grade level
    temperature dose speed step page"""
)
# After "how": a measure asks for one fact ("how many", "how long").
HOW_FACT = words("many much long often old far soon big late early tall wide heavy quickly fast")
# Verbs and phrases asking for a view or a story: an embedded or fronted question on them is open.
VIEW_VERBS = words("think reckon feel see make mean want imagine suppose believe expect find view read")
# Openers that invite the other person to tell their story (open, never an order).
INVITATION = re.compile(
    r"^(?:(?:please |so |just )?(?:tell|talk|walk|take|run) (?:me|us)(?: (?:a bit|a little|more))?"
    r"(?: (?:about|through|how|what|why|where|when|who|more|a bit|everything))?|talk to me (?:about|through)|"
    r"(?:please )?describe|(?:please )?explain|help me (?:understand|see|get)|say (?:a (?:bit|little) )?more|"
    r"(?:keep|carry) (?:going|on)|go on|continue|and then\b|(?:and )?then what|"
    r"i'm (?:really )?(?:curious|interested|keen) (?:to (?:hear|know|understand|learn)|about|(?:in )?(?:how|what|why|"
    r"where|whether|which))|"
    r"i (?:wonder|wondered|am wondering|was wondering|'m wondering)\b|i'm wondering\b|"
    r"i(?:'d| would)? (?:really |genuinely )?(?:love|like|want|be (?:interested|keen|curious)) to (?:hear|know|"
    r"understand|learn|get your)|"
    r"i want to (?:hear|understand|know)|(?:i'm|i am) (?:not (?:really )?sure|unsure) (?:what|how|why|where|which)|"
    r"why don't you (?:tell|talk|walk|take|share|describe|explain)|(?:what about|how about|and) you$|"
    r"(?:any )?(?:thoughts|ideas|tips|advice|suggestions)\b|how so|like what|such as|meaning|in what way|"
    r"(?:can|could|would|will) (?:you|we)(?: please| maybe| just)? (?:(?:like to|mind|care to|be able to) )?"
    r"(?:tell|talk|walk|take me|run me|say (?:a (?:bit|little) )?more|explain|describe|share|expand|elaborate|"
    r"help me understand|give me (?:a|an|your|some) (?:steer|sense|picture|idea|view|take|rundown|overview|flavour))|"
    r"let's hear|give me (?:a|an|your|some) (?:sense|picture|idea|view|take|rundown|overview|flavour)|"
    r"i'd (?:really )?(?:value|welcome|appreciate|like|love) (?:your|some|a) (?:honest )?(?:view|take|thoughts|opinion|"
    r"sense|read|steer|perspective|input|advice))"
)
# Offers and requests for permission: closed questions, and never directives.
OFFER_OR_PERMISSION = re.compile(
    r"^(?:(?:do|would) you (?:want|like|need) me to|want me to|you want me to|need me to|shall i|should i|"
    r"(?:want|need|fancy) (?:a hand|some help|a coffee|a break)|"
    r"(?:can|could|may) i(?! (?:please )?(?:have|get|borrow)\b)|might i|"
    r"am i (?:ok|okay|alright|allowed|able) to|is it (?:ok|okay|alright|all right|fine|possible)|"
    r"would it (?:help|be (?:ok|okay|alright|all right|useful|helpful))|would (?:that|this) help|"
    r"is (?:ok|okay|possible)|it is possible|is there (?:any way|a way) i|do you mind if i|would you mind if i|"
    r"you want that i|you prefer (?:that )?i|you prefer me|are you (?:ok|okay|happy|alright|fine) (?:with|if|"
    r"for) (?:me|i)|"
    r"you are (?:ok|okay|happy|fine) (?:that|if) i|where do you want me|which do you want me|is it me or)\b"
)
# A request for action phrased as a question ("could you send…", "any chance you could…").
REQUEST_Q = re.compile(
    r"^(?:(?:would|could|will|wouldn't) (?:you|u) be (?:able|willing|happy|ok|okay|free|good enough) to|"
    r"(?:can|could|would|will|won't|wouldn't|can't) (?:you|u)(?: (?:please|just|pls|maybe|possibly|quickly|also|"
    r"not))*|"
    r"(?:you|u) (?:can|could)(?: (?:please|just|pls|maybe))*|"
    r"(?:is there )?any chance (?:you|u) (?:could|can|would)(?: (?:please|just))?|would you mind|do you mind|"
    r"(?:can|could|may) i(?: please)?(?= (?:have|get|borrow)\b)|"
    r"(?:can|could|would|will) (?:someone|somebody|anyone|anybody|everyone|everybody|you all|all of you)(?: else)?"
    r"(?: (?:please|just|pls))*|"
    r"would it be possible (?:for (?:you|u) )?to|is it possible (?:for (?:you|u) )?to|"
    r"(?:can|could) we(?: (?:please|just|pls))*(?= (?:get|have|make|move|push|put|book|sort|keep|change|switch|do|"
    r"take|send|hold|fix|stop|start|try|look at|agree|cancel|swap|bring|add|drop))|"
    r"(?:are |r )?(?:you|u) (?:ok|okay|able|free|happy|alright) to|(?:you're|you are) (?:ok|okay|able|free|happy|"
    r"alright) to)\s+(?:to\s+)?(\w+)"
)
# Suggestions with a question's shape: telling while seeming to ask.
SUGGESTION_Q = re.compile(
    r"^(?:why don't (?:you|we)|why (?:you|u) (?:don't|dont|do not|not)|why not|why wouldn't you|how about|what about|"
    r"shall we|"
    r"what if (?:you|we)|have you (?:tried|considered|thought (?:about|of)|looked at)|did you try|"
    r"did you think (?:about|of)|wouldn't it be (?:better|easier|best)|isn't it (?:better|easier|best)|"
    r"don't you think (?:you|we) should|shouldn't (?:you|we)|couldn't (?:you|we)|can't (?:you|we) just|could you not|"
    r"(?:might|would|could|wouldn't|will) it (?:not )?be worth \w+ing|is it (?:not )?worth (?:you |us )?\w+ing)\b"
)
# Short tails that turn a statement into a check ("…, right?").
TAG_TAIL = re.compile(
    r"(?:^|\s)(?:right|ok|okay|yeah|yes|no|correct|true|eh|huh|innit|agreed|fair|surely|"
    r"(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should)(?:n't)? "
    r"(?:it|you|we|they|he|she|i|there|that)|is it|isn't it|aren't you|don't you|didn't you|no\?)$"
)
# Checks that close a statement even without a question mark ("…, is that right").
TAG_CHECK = re.compile(
    r"(?:\b(?:is|was) (?:that|this|it) (?:right|correct|fair|true)|\bam i right|\bdo you know|\byes or no)$"
)

# Reflections: restating what the other person said, felt or meant.
REFLECTION_OPENER = re.compile(
    r"^(?:(?:it )?(?:sounds|sound|sounding|seems|seem) (?:like|as (?:though|if)|that|to me|\w+)|"
    r"(?:it )?looks (?:like|as (?:though|if)) (?:you|your|ur|things|it's been)|"
    r"(?:that|this) (?:sounds|must be|must have been|seems|is a lot|'s a lot|sounds like)|"
    r"what (?:i'm|i am|i) (?:hearing|hear|getting|picking up|taking away|taking from (?:that|this|what you)|"
    r"understand)|"
    r"if i(?:'ve| have)? (?:got|get|understood|understand|heard|hear|follow|'m hearing|am hearing)|"
    r"if i'm (?:hearing|following|understanding)|let me (?:check|see if|make sure|play|say back|recap|sum)|"
    r"(?:just )?to (?:play (?:it|that) back|sum up|summarise|summarize|recap|check i(?:'ve)? (?:got|understand))|"
    r"what you(?:'re| are| seem to be| seem to be| are really| really)? (?:saying|telling me|describing|mean)|"
    r"you(?:'re| are) (?:saying|telling me)|in other words|the way you (?:see|describe|put) it|"
    r"from what you(?:'re| are)? (?:say|said|saying|describe|described)|for you(?:,)? (?:it's|the|it is|that's)|"
    r"it's like you|part of you|on (?:the )?one hand|it(?:'s| is) (?:really |very |so )?important to you|"
    r"it (?:really )?matters (?:a lot )?to you|it means a lot to you|you're someone who|"
    r"you(?:'re| are)? (?:kind of|sort of) |i get the sense|"
    r"i'm getting the sense|i sense|correct me if|i can (?:see|hear|tell) (?:that|how|why|you|it)|i can imagine|"
    r"i (?:imagine|bet|guess|suppose|take it) (?:that|it|you|this|things)|no wonder|must (?:be|have been|feel)\b|"
    r"(?:that's|that is|that was|it's|it is|it's been|it has been) (?:really |so |pretty |quite |a bit |very )?"
    r"(?:rough|tough|hard|difficult|frustrating|exhausting|a lot|draining|stressful|unfair|horrible|awful|"
    r"upsetting|worrying|scary|lonely|a big change|a lot to (?:take|carry|deal)|rubbish|a nightmare|grim|brutal|"
    r"harsh|gutting|annoying|infuriating|ridiculous|a pain|so much|too much|demoralising|a slog|relentless)\b|"
    r"(?:it )?feels like|feeling like|(?:you|u) must (?:be|feel|have been)|i hear (?:you|that|what)|i'm hearing|"
    r"(?:what a|such a) (?:nightmare|mess|week|day|pain|faff|shame|slog|rough|tough|lot)|"
    r"your (?:main |real |biggest )?(?:worry|concern|fear|frustration|sense|feeling|point|worry|issue|problem|"
    r"priority|goal|hope|worries|concerns|fears) (?:is|was|seems|'s|here))"
)
# A second-person statement about the person's own state: "you're worried…", "you feel…", "you sound…".
YOU_STATE_VERBS = words(
    """feel feels felt sound sounded seem seemed think thought believe mean meant want wanted wish hope
    worry prefer like liked love hate dislike reckon suspect care enjoy value miss"""
)
# "you don't…" states something about them only with a verb of thinking or wanting.
YOU_DONT_STATE = words("want like think feel know see care believe trust agree enjoy mind")
YOU_HAVE_STATE = re.compile(
    r"^you(?:'ve| have)(?: really| clearly| obviously| kind of| sort of)? "
    r"(?:been|had|felt|found|lost|ended up|tried|got(?! to\b))\b"
)
# Feelings and states, the speaker's own (a reveal) or the listener's (a reflection or a personal ask).
FEELING_WORDS = words(
    """afraid angry annoyed anxious anxiety apprehensive ashamed bored burnt burned burnout concerned confused
    cried cry crying dejected demoralised demoralized deflated depressed devastated disappointed discouraged
    drained draining dread dreaded dreading embarrassed emotional enjoy enjoyed enjoying excited exhausted
    exhausting frazzled frightened frustrated frustrating furious gutted guilty happy happier hurt insecure
    irritated isolated jealous knackered lonely miserable nervous overwhelmed overwhelming panic panicked
    panicky proud relieved sad scared shaken shattered stressed stressful stress struggle struggled struggling
    terrified tense thrilled tired torn uncomfortable uneasy unhappy unsettled upset worn worried worry worries
    worrying wrecked grieving grief rattled reluctant hesitant uncertain unsure pleased glad delighted fuming
    homesick heartbroken lost stuck shattered awful rubbish nightmare grim brutal gutting annoying infuriating"""
)
# Feelings said in more than one word.
FEELING_PHRASES = re.compile(
    r"\b(?:fed up|burnt out|burned out|on edge|in bits|out of my depth|out of your depth|at the end of my tether|"
    r"had enough|a bit down|feeling down|really down|so down|low mood|not myself|not yourself|all over the place|"
    r"can't switch off|couldn't switch off|not sleeping|didn't sleep|did not sleep|can't sleep|couldn't sleep|"
    r"a lot to carry|a lot on|rough (?:week|day|time|patch|few|month|night)|tough (?:week|day|time|month)|hard time)\b"
)
# Not a reflection: praise of the person's effort, or of a thing they did.
AFFIRMATION = re.compile(
    r"\b(?:(?:well|nicely|brilliantly) done|good (?:job|work|shout|call|catch|stuff)|great (?:job|work|call|stuff)|"
    r"nice (?:one|work|job)|thank(?:s| you)|cheers|(?:really|so) (?:impressed|grateful)|you did (?:a|really|so|"
    r"brilliantly|great|well)|"
    r"you (?:handled|managed|nailed|smashed|did) (?:it|that|this)|you should be proud|proud of you|"
    r"you(?:'ve| have) (?:done|worked) (?:a|really|so|brilliantly)|you worked (?:hard|really hard|so hard))\b"
)

# Directives: telling the listener what to do.
OBLIGATION = re.compile(
    r"\b(?:you|u|ya)(?:'ll|'d|'ve|'re)?(?: (?:really|just|definitely|probably|honestly|absolutely|seriously|still|will|"
    r"would|have|also|clearly))*\s(?:need to|needs to|have to|has to|must|must to|should|should to|ought to|oughta|"
    r"better|had better|got to|gotta|want to make sure|might want to|may want to|might like to|may wish to|"
    r"might wish to|may like to|"
    r"could (?:try|just|always|maybe|also|start|look|ask|talk to|speak to|get|send|call|ring|use|put|move|take)|"
    r"can (?:try|just|always)|(?:going|gonna) to (?:need|have) to)\b"
    r"(?! (?:be (?:able|fine|ok|okay|good|alright|there|back|done|pleased|proud|happy|\w+ed|\w+ing|so|really|very|"
    r"a bit|quite|exhausted|tired|shattered|knackered|gutted|fed up)|"
    r"have been|feel|see it|hear (?:back|soon)|know\b))"
)
ASK_OF_YOU = re.compile(
    r"\b(?:i|we)(?: (?:really|just|honestly|definitely|do|strongly|genuinely))*(?:'d| would)?(?: (?:really|strongly|"
    r"genuinely))*"
    r" (?:need|want|like|expect|ask|asking|require|'m asking|am asking|would ask|'d ask|'d like|'d want|must ask)"
    r"(?: (?:that|for))? (?:you|u|ya|we|everyone|everybody|all of you|each of you|the team)\b"
    r"(?! (?:to (?:tell|talk|share|explain|describe|say|walk)|know|think|feel|understand|enjoy|rest|are|were|"
    r"to be happy))|"
    r"\bwhat i(?:'d| would)?(?: really)? (?:need|want|like|expect|ask)(?: (?:from|of) you| you to do| is for you|"
    r" for you)?(?: this week| today| now)? is\b|"
    r"\bi(?:'d| would)?(?: (?:really|strongly|genuinely))* (?:suggest|recommend|advise|propose|"
    r"urge|encourage)\b(?! (?:something|an idea))|"
    r"\bi(?:'d| would)? (?:(?:be|feel) (?:so |really |very )?(?:grateful|glad|thankful|obliged)|"
    r"(?:really )?appreciate(?: it)?) if (?:you|u)\b|"
    r"\bi(?:'d| would)? (?:much |really )?(?:prefer|rather)(?: it)?(?: if| that)? (?:you|u)\b"
    r"(?! (?:can|could)? ?(?:feel|know|think))|"
    r"\bi(?:'ll| will)? (?:need|want)(?: the| your| a| an| those| that| them| some)?(?: (?!to\b)[\w'-]+){1,4} "
    r"(?:from|off) (?:you|u)\b|"
    r"\bi(?:'d| would)? (?:really )?(?:push|ask|argue|press) for (?:you|u) to\b|"
    r"\bmy (?:advice|suggestion|recommendation|tip) (?:is|would be|'d be)|"
    r"\bif i (?:were|was|am|'m|would be) you\b|\bin your (?:shoes|position|place)\b|"
    r"\bit(?:'d| would|'s| is| will)? (?:be )?(?:best|better|good|great|wise|sensible|important|essential|vital|"
    r"helpful|worth|useful|nice|ideal|a good idea|a better idea)(?: idea)? (?:if|that) (?:you|u|we)\b|"
    r"\b(?:it|that)(?:'d| would| will)? (?:really |enormously |massively |so much )?help(?: me| us)?"
    r"(?: (?:enormously|a lot|massively|so much))? if\b|\bis if (?:you|u) (?:could|can|would)\b|"
    r"\bdoing (?:me|us) a (?:\w+ )?favou?r\b|\bit (?:might|may|could|would|can|will) (?:really )?help (?:you )?to\b|"
    r"\b(?:it's|it is|it'd be|it would be) (?:best|better|important|essential|worth|a good idea|wise) (?:to|for you)\b|"
    r"\b(?:would|wld|'d) be (?:good|great|nice|helpful|ideal|best|better) if (?:you|u)\b|"
    r"\bthe (?:best |right |only |quickest |easiest |\w+est )?thing to do(?: [\w' ]{0,40}?)? (?:is|would be)\b|"
    r"\bthe (?:best |right |only |quickest |easiest |\w+est )?(?:answer|fix|solution|trick|way forward|option|move|"
    r"step)"
    r"(?: here| for you)? (?:is|would be) (?:for you to|to|that you|just)\b|"
    r"\b(?:is|'s|would be) for (?:you|u) to\b|"
    r"\bit(?:'s| is|'d be| would be| might be| may be| could be| will be)(?: (?:probably|definitely|really|well|"
    r"maybe))? worth \w+ing\b|"
    r"\bbetter (?:you|u|that you)\b|\bone (?:option|idea|thing you could do) (?:is|would be|might be)\b|"
    r"\b(?:you|u)(?:'ll| will| would|'d) (?:probably |really )?want to\b|"
    r"\b(?:some |other |a lot of |many |most )?people (?:often |usually )?find (?:it )?(?:helps?|helpful|useful) to\b|"
    r"\byou're (?:the one who|going to) (?:needs?|has|have) to\b|\b(?:you're|you are|u r) to (?!be\b)|"
    r"\bi'd (?:really )?(?:rather|prefer) (?:you|u|we)\b|"
    r"\bi(?:'d| would) (?:really )?like (?:the|this|that|it|these|those|your|them|him|her) (?:[\w'-]+ ){0,4}?(?:to|"
    r"done|sent|finished|ready|on)\b|"
    r"\b(?:needs|need|has|have) to be (?:with me|on my desk|done|sent|finished|ready|signed|back|completed|submitted|"
    r"fixed|"
    r"checked|booked|cleared|in by|up by)\b"
)
# The same with its "I" dropped, as chat does ("need u to sign it off"): apart, because an anchored
# alternative inside ASK_OF_YOU stops the regex engine scanning for its words and made it seven times slower.
NEED_YOU_TO = re.compile(r"^(?:really )?(?:need|want) (?:you|u|ya) to\b")


def asks_of_you(text: str) -> re.Match[str] | None:
    """The speaker asking it of them, anywhere in the clause ("I'd be grateful if you…", "need u to…")."""
    return ASK_OF_YOU.search(text) or NEED_YOU_TO.match(text)


# "Make sure…" anywhere is an order, unless the speaker promises it ("I'll make sure").
MAKE_SURE = re.compile(r"(?<!'ll )(?<!will )(?<!i )(?<!we )(?<!to )(?<!i'd )\bmake sure\b")
# "we" deciding for both: "we need to / we should / let's…"
WE_MUST = re.compile(
    r"\bwe(?: really| just| definitely| probably)? (?:need to|have to|must|should|ought to|'ve got to|gotta|"
    r"'ll need to|"
    r"are going to have to)\b(?! (?:be|get|hear|have|see|know|find out|receive|expect|manage)\b)"
)
# "let's" about the conversation itself is an invitation, not a task for both.
LETS_TALK = re.compile(
    r"^let(?:'s| us) (?:talk|discuss|chat|catch up|start|begin|look|take a (?:look|step|minute|moment)|think|hear|"
    r"explore|"
    r"reflect|see|go over|go through|recap|pause|step back|figure|find out|spend|focus on (?:you|how|what)|get into|"
    r"get started|dig|unpack|come back|park|leave it|not worry|check in|have a (?:chat|think|look)|"
    r"do the \w+ (?:chat|catch))\b"
)
# Verbs whose bare form at the head of a clause is an order ("send it", "stick the eggs on the end bay").
IMPERATIVE_VERBS = ACTION_VERBS | words(
    """ring phone text pop stick bin grab tag log park double loop hand ensure remember forget wear pull wait
    warn brief shadow cover swap treat handle deal restock stack label count lock unlock photograph chase
    show put tell remind let bear mind pass fill clear empty load unload tidy wipe refill replace return label
    lower raise turn plug unplug print scan sweep mop order reorder hang give escalate stop quit drop keep
    cut halve double cap bump phone knock speak bring come head pick drive walk check sit stand open close
    lock fetch collect deliver arrange sort book move escalate finish have decide choose help calm hurry listen"""
)
# Words that follow an imperative verb ("send it", "make sure", "put the…"); a noun subject is followed by a verb.
IMPERATIVE_FOLLOWERS = words(
    """the a an it this that these those them me him her us your my our his their sure up out off on in back down
    over round around away through forward ahead everything everyone anything someone something all some any
    what how whether when where who which to with from into onto by before after first again straight now today
    tomorrow tonight asap"""
)
# Imperatives that invite, reassure or wish well rather than hand over a task.
SOFT_IMPERATIVE = re.compile(
    r"^(?:tell me|tell us|talk me|walk me|take me|run me|describe|explain|help me understand|say (?:a (?:bit|"
    r"little) )?more|"
    r"go on|keep going|carry on|continue|take your time|take care|take it easy|don't hesitate|feel free|"
    r"never mind|go for it|excuse me|enjoy|have (?:a|an) (?:good|great|nice|lovely|brilliant|fab|restful|"
    r"safe)|have fun|"
    r"let me(?! know\b)|let me know if|go ahead|think back|imagine|picture|be kind to yourself|look after yourself|"
    r"rest up|get well|sleep well|"
    r"give me a (?:shout|call|ring) if|shout if|ping me if|say if|let me know if|bear with me|leave (?:it|that|this|"
    r"them|[\w' ]{1,30}?) (?:with|to) me|"
    r"remember (?:when|that time)|congrats|congratulations|welcome|mind how you go|hang in there|fingers crossed)\b"
)
# Signals that a clause states a standing rule for the listener ("…, no exceptions").
RULE_MARKERS = re.compile(
    r"\b(?:no exceptions?|without exception|full stop|from now on|going forward|no matter what|at all times|"
    r"not negotiable|non-negotiable|is a must|are a must)\b"
)
# Reported speech and the speaker's own plans: an order or obligation in them is not the speaker's.
REPORTED = re.compile(
    r"\b(?:(?:she|he|they|someone|[a-z]+) (?:told|asked|wants|wanted|said|says|reckons|thinks) (?:me|us|you|him|her|"
    r"them)? ?(?:to|that|we|i)|"
    r"(?:you're|you are|you were) saying|you said|you mean|"
    r"(?:i|we)(?:'m| am|'re| are)? (?:going to|planning to|plan to|'ll|will|was going to))\b"
)
# Feeling an obligation is a state, not an order ("you feel you have to say yes").
FELT_OBLIGATION = re.compile(
    r"\b(?:(?:you|u|you're|they|they're|he|she|people|everyone)(?: \w+){0,2} (?:feel|feels|felt|feeling|think|thinks|"
    r"thought|"
    r"believe|believes|worry|worried|sense|assume|assuming|afraid|scared|like)(?: that| like| as if)?|"
    r"means|told|expected|supposed|because|why|when|if|whether|unless|since|worried|afraid)"
    r" (?:you|u|we|they|i)(?: all)? (?:have to|need to|must|should|'ve got to|got to|had to|are expected to|can't)\b"
)

# Personal moves: asks about, and reveals of, life beyond the role (categories, not topics).
KIN = words(
    """mum mom mother mam mummy dad father daddy parent parents son sons daughter daughters kid kids child
    children baby babies toddler little lad boy girl wife husband partner boyfriend girlfriend fiance fiancee
    sister sisters brother brothers sibling siblings nan nana gran granny grandma grandad grandpa grandfather
    grandmother grandparents grandson granddaughter grandkids aunt uncle cousin nephew niece twins family
    stepson stepdaughter in-laws wedding"""
)
HOME_LIFE = words(
    """home house flat apartment landlord landlady neighbour neighbours neighbor garden allotment move moving
    moved mortgage commute pets pet dog cat puppy kitten boiler car"""
)
HEALTH = words(
    """health sleep sleeping slept op operation surgery hospital doctor gp ill illness sick unwell injury injured
    recovery recovering pain migraine pregnant pregnancy therapy physio diagnosis diagnosed wellbeing well-being
    dentist counselling counseling appointment"""
)
# Parts of the body: someone's health when they are theirs ("my back", "your knee").
BODY = words(
    "back knee knees head shoulder neck tooth teeth leg legs arm arms hip hips wrist ankle foot feet chest stomach"
)
# Time away from work, said without naming whose it is ("how was the holiday?"): a personal ask.
TIME_OFF = re.compile(
    r"\b(?:weekend|weekends|wknd|holiday|holidays|vacation|half term|half-term|days? off|time off|annual leave|"
    r"birthday|honeymoon|wedding|hobby|hobbies|free time|spare time|outside (?:of )?(?:work|here)|"
    r"when you're not (?:here|at work)|grew up|grow up|growing up|where you're from|hometown)\b"
)
# Time away from work said as someone's own ("your weekend", "my days off").
OWN_TIME = re.compile(
    r"\b(?:weekend|weekends|wknd|holiday|holidays|vacation|half term|break|days? off|time off|leave|trip|birthday|"
    r"wedding|honeymoon|evenings?|nights? off|hobby|hobbies|sport|club|course|exams?|studies|degree|"
    r"run|race|training|gym|band|music)\b"
)
# "How are you", said to really ask ("how are you holding up", "how are you, really").
WELLBEING_ASK = re.compile(
    r"\b(?:how (?:are|r|have|'ve) (?:you|u|things)(?: been)?(?: (?:doing|feeling|going|keeping|getting on|coping|"
    r"holding up|"
    r"bearing up|managing|sleeping|finding things|settling in))?(?: (?:with (?:it all|everything|all of (?:it|this))|"
    r"yourself|"
    r"personally|in yourself|at home|outside (?:of )?(?:work|here)|since|after|now that|these days|lately|really|"
    r"actually|"
    r"honestly|truly)\b)|"
    r"how (?:are|r|have|'ve) (?:you|u)(?: been)? (?:holding up|coping|bearing up|sleeping|keeping|managing|"
    r"in yourself)|"
    r"how (?:is|are) (?:you|u|things) (?:really|actually) doing|"
    r"(?:are|r) (?:you|u) (?:ok|okay|alright|all right|doing ok|doing okay|feeling ok|feeling okay)\b(?! (?:to|with|"
    r"for|if))|"
    r"^(?:you|u) (?:ok|okay|alright|all right|doing ok|feeling ok)\b(?! (?:to|with|for|if))|"
    r"(?:you|u) (?:are|r) feeling (?:ok|okay|alright|better)|"
    r"how's life|how is life|how are things (?:at home|with you|outside)|is everything (?:ok|okay|"
    r"alright) (?:with you|at home)|"
    r"for you personally|what's new with you|what is new with you|how are you and (?:the|your)|"
    r"how(?: is|'s)? (?:your|ur) (?:head|heart|energy|health|back|sleep)|how are you finding (?:it|things|"
    r"the balance)\b.{0,40}\bhome)"
)
# Talking about a thing at work, however warmly: an opinion question, not a personal ask.
WORK_OPINION = re.compile(
    r"\b(?:feel|feeling|think|thoughts|happy|worried|nervous|confident) (?:about|with|on) (?:the|our|this|that|"
    r"your (?:team|project|plan|work|role|report|targets?|numbers?|deadline))\b"
)
# The speaker's own history: "when I was new", "I went through the same", "in my first year…".
OWN_HISTORY = re.compile(
    r"\b(?:when i (?:was|started|first|joined|moved|came|had|did)|i (?:went|'ve been|have been|was) through|"
    r"i (?:used to|grew up|remember|once|also (?:was|had|did|started|cried|felt|found)|nearly|almost|had the same|"
    r"did the same|did also)|"
    r"(?:in|during) my (?:first|own|old|last|early|previous)|my (?:first|old|last|previous) (?:job|year|month|week|"
    r"manager|boss|store|role|team|winter|peak|shift)|"
    r"at my (?:last|old|previous) (?:job|place|store|company|school|ward)|before (?:all )?this,? i|in my country|"
    r"back (?:home|then)|years? ago|as a (?:new|young|junior|kid|child)|before (?:all )?this\b|for \w+ years before|"
    r"i was (?:the|a) (?:kid|child|boy|girl)|when i was (?:little|young|a kid|your age))\b"
)

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
# Function words: what is left after them is a line's content, compared with the previous turn's.
FUNCTION_WORDS = words(
    """a an the and or but so if then than that this these those there here it its it's is are was were be been
    being am do does did done have has had having i me my mine we us our you your yours u ur he him his she her
    they them their what how why when where who which whom whose to of in on at for from with by about as into
    over after before up down out off not no yes just really very quite bit kind sort like well also too can
    could would will should shall may might must 's 're 've 'll 'd i'm i've i'd i'll you're you've you'd you'll
    we're we've they're don't didn't doesn't isn't aren't wasn't weren't can't couldn't won't wouldn't ok okay
    yeah right now get got go going one all some any more most much many thing things way lot"""
)
