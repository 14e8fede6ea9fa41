"""The frameworks the coach leans on, in the project's own words.

Each block paraphrases an idea from one of the source articles and names it, so the
brief can say where a question comes from. Nothing here is quoted from a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.domain import Level, Person, Relationship

ONE_TO_ONES = "the blog article on always turning up to your 121s (author not named)"
HUMBLE_LEADERSHIP = "Edgar H. Schein & Peter A. Schein, Humble Leadership"
MICRO_INVOLVEMENT = "Start micro-involving to build stronger connections (blog post)"
LEADING_UP = "Scott M. Lewis, on leading up"
HQC = "Jane E. Dutton & Emily Heaphy, on high-quality connections"


class Kind(StrEnum):
    """What sort of 1:1 this is, which decides its purpose and questions."""

    ic = "ic"  # frontline manager with an individual contributor
    manager = "manager"  # the user with a manager of managers
    boss = "boss"  # the user with their own boss: leading up
    peer = "peer"  # a colleague at the same level


@dataclass(frozen=True)
class Framework:
    kind: Kind
    label: str
    purpose: str
    outcomes: tuple[str, ...]
    behaviours: tuple[str, ...]
    key_questions: tuple[str, str, str]
    source: str


FRAMEWORKS: dict[Kind, Framework] = {
    Kind.ic: Framework(
        kind=Kind.ic,
        label="1:1 with an individual contributor",
        purpose="Help this person become more effective, with their work pointed at the company strategy.",
        outcomes=(
            "their day-to-day work lines up with the strategy",
            "one clear measure of success that they recognise",
            "priorities for their time that they set themselves",
            "a trusting relationship where either of you can speak plainly",
        ),
        behaviours=(
            "show up: attendance comes first",
            "ask questions to learn how their role and its obstacles look from the inside",
            "leave room for them to reach their own conclusions and plans",
        ),
        key_questions=(
            "Which parts of your work move our strategy forward the most right now?",
            "What would you change about your role so it fits the strategy better?",
            "What do you need from me: support, resources or room to develop?",
        ),
        source=ONE_TO_ONES,
    ),
    Kind.manager: Framework(
        kind=Kind.manager,
        label="1:1 with a manager of managers",
        purpose="Help this leader make their whole department more effective in line with the strategy.",
        outcomes=(
            "the leader is aligned with the strategy and with good practice",
            "a department plan for executing the strategy, written and ranked by the leader",
            "a resourcing and people plan the leader has worked out",
            "their department keeps in step with the neighbouring ones",
        ),
        behaviours=(
            "always make the time: attendance comes first",
            "coach and question so that ownership and accountability stay with them",
            "be the one who finds resources, support and help with problems",
        ),
        key_questions=(
            "How does what your department is doing now deliver the strategy?",
            "What have you learned lately, and how will it change your plans?",
            "How are you keeping your department aligned with the other departments?",
        ),
        source=ONE_TO_ONES,
    ),
    Kind.boss: Framework(
        kind=Kind.boss,
        label="1:1 with your boss (leading up)",
        purpose="Build enough trust that you can advise, disagree with and guide your boss toward better decisions.",
        outcomes=(
            "your boss hears what you see from close to the work",
            "you are included in the decisions that will land on you and your team",
            "disagreements are voiced early, with evidence, and end in a decision",
            "each of you knows the other's strengths and gaps",
        ),
        behaviours=(
            "come with a short written view, not only a status update",
            "be honest about your own shortcomings before pointing at theirs",
            "show courage without arrogance: say it, then listen",
        ),
        key_questions=(
            "What decision coming up would benefit from what my team sees on the ground?",
            "Where do you see my blind spots, and where can I cover one of yours?",
            "Is there something you'd like me to push back on more, or less?",
        ),
        source=LEADING_UP,
    ),
    Kind.peer: Framework(
        kind=Kind.peer,
        label="1:1 with a peer",
        purpose="Grow a high-quality connection: positive regard, give and take, and energy you both leave with.",
        outcomes=(
            "each of you learns something from how the other works",
            "a standing offer of help in both directions",
            "one small shared experiment or piece of work",
        ),
        behaviours=(
            "assume the best about them and say what you value in their work",
            "be as ready to ask for help as to offer it",
            "bring energy: curiosity beats status reporting",
        ),
        key_questions=(
            "What are you trying to get better at this quarter, and could I help?",
            "What's something your team does that mine should learn from?",
            "Is there a problem we could take on together with fresh eyes?",
        ),
        source=HQC,
    ),
}

# Side-by-side activities of 30 to 90 minutes, after the micro-involvement post.
MICRO_INVOLVEMENT_IDEAS: tuple[str, ...] = (
    "sit in on one of their team's planning sessions for an hour, as a listener",
    "tag along on a customer visit or call with someone from their team",
    "evaluate a candidate vendor or tool together with their team",
    "use the product side by side with a team member for 45 minutes",
    "share lunch in the canteen with a few people from their team",
    "take a walking 1:1 with one of their team leads",
)


def kind_of(person: Person) -> Kind:
    if person.relationship is Relationship.boss:
        return Kind.boss
    if person.relationship is Relationship.peer:
        return Kind.peer
    return Kind.manager if person.level is Level.manager else Kind.ic


def micro_involvement_idea(seed: str) -> str:
    """A stable pick, so the same person sees the same idea on the same day."""
    return MICRO_INVOLVEMENT_IDEAS[sum(map(ord, seed)) % len(MICRO_INVOLVEMENT_IDEAS)]
