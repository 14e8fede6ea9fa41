"""Line labels a manager would agree with (docs/nlp.md conventions), the cue behind each, and robustness.

These run the hand-written rules alone (`analyse_line`), so they are fast and pin the syntax; the
learned head and the corpus figures are tested in tests/coaching/test_line_scores.py.
Every example here is written for this file, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from coach.coaching.analysis import LineAnalysis, analyse_line, score_all
from coach.coaching.transcript import analyse_transcript


def labels(text: str, previous: str | None = None) -> tuple[object, ...]:
    got = analyse_line(text, previous)
    return got.question, got.reflection, got.directive, got.personal


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # auxiliary before its subject: yes/no
        ("Did the vendor reply?", "closed"),
        ("r u still ok with thursday", "closed"),
        ("has the new starter got a locker yet", "closed"),
        # one fact
        ("How many tickets are left?", "closed"),
        ("what time does the late shift start", "closed"),
        ("Which depot?", "closed"),
        ("Who's covering reception on Monday?", "closed"),
        # their own account
        ("How are you finding the new role?", "open"),
        ("What got in the way?", "open"),
        ("why do you think it slipped", "open"),
        # invitations and questions inside statements
        ("Tell me about the launch.", "open"),
        ("Walk me through Tuesday night.", "open"),
        ("I'm curious how the team took the news.", "open"),
        ("I wonder what you'd change first.", "open"),
        ("I'm not sure what you make of the new targets.", "open"),
        ("Can you say more about that?", "open"),
        # tags, either/or, ratings, offers, permission
        ("That went out on Friday, didn't it?", "closed"),
        ("Is it better on Friday or Monday?", "closed"),
        ("On a scale of one to ten, how stressed are you?", "closed"),
        ("Want me to take that?", "closed"),
        ("Is it OK if I share an idea?", "closed"),
        # several questions: the last one decides
        ("How was the conference, did the talk go ahead?", "closed"),
        ("Did the audit go OK? What did they make of the new process?", "open"),
        ("how was the trip did you get to the coast in the end", "closed"),
        ("how was the match did your lad's team win", "closed"),  # the second question opens on its subject
        ("how's the new kitchen going is it finished yet", "closed"),
        ("what I'm hearing is that the rota is the problem", None),  # a statement that opens on "what"
        # not questions
        ("Thanks for staying late.", None),
        ("I sent the figures to Aisha this morning.", None),
        ("What I need is the draft by Friday.", None),
        # a subject straight after "what", then a main "is": a free relative, whatever follows the "is"
        ("what they told the night team was completely different", None),
        ("What you did with the Hughes account was brave.", None),
        ("what you're describing is basically burnout", None),
        ("what you working on this arvo", "open"),  # chat drops the auxiliary: still asks
        ("howd the site visit go", "open"),  # a wh-word's "'d" typed without the apostrophe
        ("whend they say the parts arrive", "closed"),
        ("which shift would you rather do", "closed"),  # no "?", but the auxiliary comes before its subject
        ("where'd you train", "closed"),
        ("dyk who's on call tonight", "closed"),
        ("hi marco did the scaffolders turn up", "closed"),  # a greeting and a name before the question
        ("you logged the near miss didn't you", "closed"),  # a negative tag, with no "?" in a transcript
        ("the spare trolleys just aren't there", None),  # not a tag: there is no other clause to check
        ("i was just wondering like how the first week went", "open"),
        ("Could you confirm whether the scaffold passed inspection?", "closed"),  # asks for an answer
    ],
)
def test_question_form(text: str, question: str | None) -> None:
    assert analyse_line(text).question == question, analyse_line(text).why


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("It sounds like the rota is wearing you down.", None),
        ("So you're stuck waiting on legal.", "Legal still haven't looked at it and I can't move."),
        ("You're worried the launch will slip.", None),
        ("so the van's off the road again then", "the van failed its MOT, second time this year"),  # an inference
        ("You've had enough of covering for the late shift.", "I'm always the one who stays when someone's off."),
        ("Part of you wants the promotion and part of you wants your evenings back.", None),
        ("What I'm hearing is that nobody told you.", None),
        ("You sound pretty fed up.", None),
        ("so the handover is what's eating your mornings", "Every morning the handover takes me an hour."),
    ],
)
def test_reflections(text: str, previous: str | None) -> None:
    got = analyse_line(text, previous)
    assert got.reflection is True and got.question is None, got.why
    assert got.why["reflection"].startswith("reflection:")


def test_a_reflection_voiced_as_a_question_is_not_a_question() -> None:
    got = analyse_line("So the deadline is what's worrying you?", "I just keep thinking about the deadline.")
    assert (got.question, got.reflection) == (None, True)
    assert "reflection" in got.why["question"]


def test_a_so_that_shares_nothing_of_their_turn_is_news_not_a_summary() -> None:
    previous = "the printer on two is jammed again"
    assert analyse_line("so marek's on lates next week and i'm on earlies", previous).reflection is False
    assert analyse_line("so the printer's dead again", previous).reflection is True


def test_a_check_at_the_end_of_a_run_on_does_not_undo_the_reflection_before_it() -> None:
    got = analyse_line("sounds like the audit's been brutal and nobody's helped is that fair", "auditors all week")
    assert got.reflection is True and got.question == "closed", got.why


def test_a_reflection_then_a_question_counts_both() -> None:
    got = analyse_line("Sounds like a rough week. What would help?")
    assert (got.question, got.reflection) == ("open", True)


@pytest.mark.parametrize(
    ("text", "personal", "reflection"),
    [
        ("Your kids are back at school this week?", "ask", False),  # a check about their life: asks about them
        ("Your dad is still in the hospital?", "ask", False),
        ("You are off to see your parents at half term?", "ask", False),
        ("The budget keeps changing on you?", None, True),  # about the work: still says back their situation
    ],
)
def test_a_you_check_about_their_life_is_an_ask_not_a_reflection(
    text: str, personal: str | None, reflection: bool
) -> None:
    got = analyse_line(text)
    assert (got.personal, got.reflection) == (personal, reflection), got.why


@pytest.mark.parametrize(
    "text",
    [
        "I think the rota is unfair.",  # the speaker's own opinion
        "You worked really hard on that.",  # an affirmation
        "You need to rest.",  # advice
        "Are you worried the launch will slip?",  # asks for new information
        "Sounds good, I'll book it.",  # agreement
    ],
)
def test_not_reflections(text: str) -> None:
    assert analyse_line(text).reflection is False, analyse_line(text).why


@pytest.mark.parametrize(
    "text",
    [
        "Send the deck to finance.",
        "just move the testers behind the counter",
        "You need to chase procurement today.",
        "You'll want to book the room early.",
        "I want you to own the retro.",
        "Make sure the doors are locked before you go.",
        "It'd be best if you told her yourself.",
        "The thing to do is ring them first.",
        "Let's move the review to Friday.",
        "Could you send the deck to finance?",
        "Why don't you ask Sam?",
        "Have you tried restarting the scanner?",
        "How about moving it to Thursday?",
        "Please you check the fridge temperatures every morning.",
        "Don't wait for the doctor, call the outreach team.",
        "You need to give us another week.",  # a report to a boss is directive too
        # verbs no task list names, read from the dictionary of English verbs
        "Kindly countersign the delivery notes.",
        "pls audit the fridge temps tonight",
        "Thanks. Invoice them for the extra pallets.",
        "do the handover sheet before you go",
        # advice and requests in their many polite shapes
        "I'd encourage you to take the mentoring offer.",
        "need u to sign off the rota by 5",
        "You may wish to copy in the site manager.",
        "It could be worth ringing the supplier first.",
        "Would it not be worth waiting for the survey results?",
        "The plan is for you to lead the Thursday stand-up.",
        "Would you be willing to take the Leeds visit?",
        "can anyone do the 6am delivery tomorrow",
        "the fridge log, please fill it in tonight.",
        "receipts pls",
        "Please, the spare keys, you return them to reception.",
        "if the van isn't back by four, ring the depot",  # after a condition
        "Please to send me the report before the meeting.",  # a learner's "please to"
        "I'd be grateful if you could cover Friday.",
        "I'd rather you didn't promise dates to the client.",
        "I'll need the signed forms from you by noon.",
        "can you tidy the stock room before close?",  # a request in any verb
        "Don't worry about the rota, I'll sort it.",  # an order not to, reassuring or not
        "Text to Ed please bring the van keys tomorrow",  # a dictated message: its header, then the plea
    ],
)
def test_directives(text: str) -> None:
    got = analyse_line(text)
    assert got.directive is True, got.why
    assert got.why["directive"].startswith("directive:")


@pytest.mark.parametrize(
    "text",
    [
        "Why don't you tell me how it went?",  # an invitation
        "Let's start with how you're doing.",  # about the conversation
        "What do you think you should do?",  # their own plan
        "I can introduce you to Fatima.",  # an offer
        "Can I suggest something?",  # permission
        "You feel you have to say yes to everyone.",  # an obligation they feel
        "She told me to just ship it.",  # reported speech
        "I'm going to rewrite the intro tonight.",  # the speaker's own plan
        "Tell me about the launch.",
        "hope the weather holds for the open day",  # a dropped "I": a wish, not an order
        "love the new signage btw",
        "honestly its the admin, mostly, round the edges of the job",  # a comma deep in a statement
        "You keep the whole rota in your head.",  # "you" and a verb without "please": it describes them
        "You look like you've had a good break.",
        "Would you be happy to talk it through with me?",  # an invitation, in a request's shape
        "yes please",
        "Is it worth it?",
        "just to update you, the Hanley order slipped to March",  # "just to…" is not "please to…"
        "Would you prefer tea or coffee?",
        "never mind, found it",
        "What I want to understand from you is how the rota got agreed.",
        "Email to facilities the lift on floor three is out again",  # a dictated message's header
        "Would Thursday suit you better?",
        "Please find attached the updated risk register.",
    ],
)
def test_not_directives(text: str) -> None:
    assert analyse_line(text).directive is False, analyse_line(text).why


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("How are you holding up with the move?", "ask"),
        ("How's your mum doing?", "ask"),
        ("What did you get up to at the weekend?", "ask"),
        ("How are you, really?", "ask"),
        ("I went through the same when my manager kept cancelling on me.", "reveal"),
        ("Honestly I've been anxious about this reorg too.", "reveal"),
        ("My daughter started school this week.", "reveal"),
        ("How do you feel about the new roadmap?", None),  # an opinion about work
        ("Hi, how are you?", None),  # a ritual greeting
        ("Sorry I'm late.", None),
        ("How's bed four doing after the op?", None),  # a nurse's patient, not the listener's health
    ],
)
def test_personal_moves(text: str, personal: str | None) -> None:
    assert analyse_line(text).personal == personal, analyse_line(text).why


@pytest.mark.parametrize(
    ("text", "question", "directive"),
    [
        ("how r u finding the new rota", "open", False),
        ("So, um, how's the, the new till been? Like, for you.", "open", False),
        ("I-I think you, um, you need to, like, escalate it.", None, True),
        ("cud u cover sat pls", None, True),
        ("wdym", "open", False),
    ],
)
def test_typos_fillers_and_chat_do_not_change_the_label(text: str, question: str | None, directive: bool) -> None:
    got = analyse_line(text)
    assert (got.question, got.directive) == (question, directive), got.why


def test_every_label_carries_the_cue_that_decided_it() -> None:
    got = analyse_line("Do you think the rota works?")
    assert set(got.why) == {"question", "reflection", "directive", "personal"}
    assert got.why["question"] == "closed: asks yes/no (do you…)"
    data = got.to_json()
    assert {"text", "question", "personal", "directive", "reflection", "why"} <= set(data)
    assert data["why"] == dict(got.why)


@pytest.mark.parametrize(
    "text", ["", "   ", "👍🎉", "¿Cómo estás?", "今日はどうでしたか", "\x1b[31m", "a" * 5000, "?!?!"]
)
def test_odd_input_never_crashes_and_is_null(text: str) -> None:
    got = analyse_line(text)
    assert (got.personal, got.directive, got.reflection) == (None, False, False)


def test_score_all_uses_a_plain_function_line_by_line() -> None:
    got = score_all(analyse_line, [("Send it.", None), ("So you're stuck.", "I'm stuck.")])
    assert [a.directive for a in got] == [True, False] and got[1].reflection


def test_transcript_summary_counts_only_my_lines() -> None:
    text = "me: How was your weekend?\nthem: Good, I went hiking with my kids and it was lovely.\nme: Send me the deck."
    result = analyse_transcript(text)
    s = result.summary
    assert [line.speaker for line in result.lines] == ["me", "them", "me"]
    assert s.personal_asks == 1 and s.directives == 1 and s.personal_reveals == 0
    assert s.open_question_share == 1.0
    assert 0 < (s.talk_ratio or 0) < 0.5
    sources = " ".join(f.source for f in s.feedback)
    assert "Humble Leadership" in sources and "121s" in sources
    data = result.to_json()
    assert set(data) == {"lines", "summary", "warnings"}
    assert {"speaker", "text", "question", "personal", "directive", "reflection", "why"} <= set(data["lines"][0])


def test_transcript_reads_reflections_against_the_other_persons_turn() -> None:
    text = (
        "me: How is the new rota going?\n"
        "them: Honestly the early starts are killing me, I'm in at six three days running.\n"
        "me: So the early starts are what's wearing you down.\n"
        "me: What would make them easier?\n"
        "them: Maybe swapping one with Dev.\n"
        "me: You'd rather have one early a week than three."
    )
    s = analyse_transcript(text).summary
    assert s.questions == 2 and s.reflections == 2
    assert s.reflection_to_question == 1.0 and s.reflection_rating == "fair"
    assert s.latest is not None and s.latest.reflection and "reflection" in s.latest.why["reflection"]
    data = s.to_json()
    assert data["reflections"] == 2 and data["reflection_to_question"] == 1.0
    points = " ".join(f.point for f in s.feedback)
    assert "2 reflection(s) to 2 question(s)" in points and "fair" in points
    assert any("Treatment Integrity" in f.source for f in s.feedback)


@pytest.mark.parametrize(
    ("lines", "rating", "words"),
    [
        (["How was it?", "What happened next?", "Who was there?"], "low", "at least one reflection per question"),
        (["How was it?", "It sounds like it was a lot.", "You sound relieved it's over."], "good", "good listening"),
    ],
)
def test_feedback_uses_miti_thresholds_for_reflections(lines: list[str], rating: str, words: str) -> None:
    text = "\n".join(f"me: {line}\nthem: It was a long day, honestly." for line in lines)
    s = analyse_transcript(text).summary
    assert s.reflection_rating == rating
    assert words in " ".join(f.point for f in s.feedback)


def test_common_speaker_prefixes_are_understood() -> None:
    text = "Manager: what's on your mind?\nPriya: The rota.\nYou: tell me more\nR: It is unfair.\n[10:02] M: ok"
    speakers = [line.speaker for line in analyse_transcript(text).lines]
    assert speakers == ["me", "them", "me", "them", "me"]


def test_transcript_without_prefixes_is_all_mine_and_warns() -> None:
    result = analyse_transcript("how are you\nwhat is on your mind")
    assert all(line.speaker == "me" for line in result.lines)
    assert any("no speaker prefixes" in w for w in result.warnings)


def test_empty_transcript_warns() -> None:
    result = analyse_transcript("\n\n")
    assert result.lines == [] and result.warnings
    assert result.summary.talk_ratio is None and result.summary.reflection_to_question is None
    assert [f.point for f in result.summary.feedback] == [
        "There are no lines of yours to score yet. Open with a question about them."
    ]


def test_a_transcript_with_only_their_lines_does_not_praise_silence() -> None:
    summary = analyse_transcript("them: It was a long week.\nthem: Anyway.").summary
    feedback = " ".join(f.point for f in summary.feedback)
    assert "no lines of yours" in feedback and "Keep that" not in feedback and "personal move" not in feedback


def test_ten_thousand_lines_complete() -> None:
    lines = ["me: How did the launch go?", "them: Fine, mostly.", "me: Send the notes to finance."] * 3334
    result = analyse_transcript("\n".join(lines))
    assert len(result.lines) == len(lines)
    assert result.summary.directives == 3334


def test_a_batch_scorer_gets_every_line_once_with_its_previous_turn() -> None:
    seen: list[list[tuple[str, str | None]]] = []

    class Recorder:
        def __call__(self, text: str, previous: str | None = None) -> LineAnalysis:
            raise AssertionError("a batch scorer is called once for the whole transcript")

        def batch(self, items: list[tuple[str, str | None]]) -> list[LineAnalysis]:
            seen.append(list(items))
            return [analyse_line(text, previous) for text, previous in items]

    analyse_transcript("me: How was it?\nthem: Long.\nme: Long how?", Recorder())
    assert seen == [[("How was it?", None), ("Long.", "How was it?"), ("Long how?", "Long.")]]


@pytest.mark.parametrize(
    ("text", "question", "directive"),
    [
        ("Would you like some coffee?", "closed", False),  # an offer
        ("Shall we go through it now?", None, True),  # a suggestion for both
        ("Let me know by Friday.", None, True),
        ("Let me know if you need anything.", None, False),  # an offer
        ("Look at the second tab.", None, True),
        ("Can I get the report by Friday?", None, True),  # a request, not permission
        ("It might help to write it down first.", None, True),  # advice
        ("Go ahead.", None, False),  # permission given
    ],
)
def test_everyday_requests_offers_and_advice(text: str, question: str | None, directive: bool) -> None:
    got = analyse_line(text)
    assert (got.question, got.directive) == (question, directive), got.why


@pytest.mark.parametrize(
    ("text", "reflection", "directive"),
    [
        ("So you're not sure you want to take the promotion.", True, False),
        ("You've tried to delegate before and it backfired.", True, False),
        ("You enjoy the customer side most.", True, False),
        ("Some people find it helps to block out an hour for admin.", False, True),  # advice
        ("You could try blocking out an hour for admin.", False, True),
        ("You'll want to warn the night team first.", False, True),
    ],
)
def test_counselling_style_reflections_and_advice(text: str, reflection: bool, directive: bool) -> None:
    got = analyse_line(text)
    assert (got.reflection, got.directive) == (reflection, directive), got.why
