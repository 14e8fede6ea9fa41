"""The index, run the same way against embedded Chroma and a real Chroma server."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import CoachError, NotFoundError
from coach.retrieval.knowledge import KnowledgeBase
from tests.retrieval.pdf_fixture import write_pdf


class CountingEmbedder:
    """Wraps the real model and counts how many texts it embeds."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.texts = 0

    def embed(self, texts: list[str]) -> object:
        self.texts += len(texts)
        return self.inner.embed(texts)  # type: ignore[attr-defined]

    def embed_one(self, text: str) -> list[float]:
        return self.inner.embed_one(text)  # type: ignore[attr-defined]


def test_builtin_cards_are_indexed_on_first_use(kb: KnowledgeBase) -> None:
    rows = kb.list_sources()
    assert {r["source"] for r in rows} == {"team/asking-for-help.md", "team/walks.md", "boss/disagree.md"}
    titles = {r["title"] for r in rows}
    assert "Ask how you can help: a 1:1 habit" in titles  # a colon inside the title survives
    assert all(r["chunks"] == 1 and r["added"] for r in rows)
    top = kb.search("going for a stroll outside with my report", k=1)[0]
    assert top.source == "team/walks.md"
    assert top.concepts == ["micro-involvement", "walking"]
    assert 0 < top.score <= 1


def test_add_every_format_and_find_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "budget.txt").write_text("Quarterly budget planning\n\nForecast the cloud spend for the next quarter.\n")
    (docs / "sub" / "garden.html").write_text(
        "<html><head><title>Gardening</title><style>p{color:red}</style><script>var tomato=1;</script></head>"
        "<body><h1>Roses</h1><p>Prune roses in late winter before new growth.</p></body></html>"
    )
    (docs / "sub" / "sailing.md").write_text("# Sailing basics\n\nTack into the wind to change direction.\n")
    write_pdf(docs / "chess.pdf", "Control the centre of the board early in a chess game.")
    (docs / "ignored.png").write_bytes(b"\x89PNG\r\n")
    report = kb.add([docs])
    assert len(report.added) == 4
    assert [(s["path"], s["reason"].split(";")[0]) for s in report.skipped] == [
        (str(docs), "1 file(s) of other types not read (.png)")  # said once for the folder, not read as text
    ]
    by_query = {
        "how much will we spend on cloud servers": docs / "budget.txt",
        "when to cut back rose bushes": docs / "sub" / "garden.html",
        "changing direction on a sailboat": docs / "sub" / "sailing.md",
        "opening strategy for chess": docs / "chess.pdf",
    }
    for query, path in by_query.items():
        assert kb.search(query, k=1)[0].source == str(path.resolve())
    garden = kb.search("when to cut back rose bushes", k=1)[0]
    assert garden.title == "Gardening"
    assert "tomato" not in garden.text and "color" not in garden.text
    assert kb.search("changing direction on a sailboat", k=1)[0].title == "Sailing basics"


def test_adding_twice_makes_no_duplicates_and_does_not_re_embed(kb: KnowledgeBase, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("---\ntitle: Feedback\nconcepts: [feedback]\n---\nGive feedback soon after the event.\n")
    kb.add([note])
    count = kb.index.count()
    counting = CountingEmbedder(kb.embedder)
    kb.embedder = counting  # type: ignore[assignment]
    again = kb.add([note, note])
    assert again.unchanged == [str(note.resolve())]
    assert counting.texts == 0
    assert kb.index.count() == count
    note.touch()  # new mtime, same bytes: hashed, still not embedded
    assert kb.add([note]).unchanged and counting.texts == 0


def test_a_changed_file_replaces_its_chunks(kb: KnowledgeBase, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The office plants need watering every Tuesday.\n")
    kb.add([note])
    before = kb.index.count()
    note.write_text("The espresso machine is descaled every Friday.\n")
    report = kb.add([note])
    assert report.updated == [str(note.resolve())]
    assert kb.index.count() == before
    texts = [p.text for p in kb.search("office chores", k=10, source="note.txt")]
    assert texts == ["The espresso machine is descaled every Friday."]


def test_remove_a_source(kb: KnowledgeBase, tmp_path: Path) -> None:
    note = tmp_path / "remove-me.txt"
    note.write_text("Bicycle maintenance: oil the chain monthly.\n")
    kb.add([note])
    rec = kb.remove(str(note))
    assert rec.source == str(note.resolve())
    assert all(p.source != rec.source for p in kb.search("oil the bicycle chain", k=10))
    assert rec.source not in {r["source"] for r in kb.list_sources()}
    with pytest.raises(NotFoundError):
        kb.remove("no-such-source.txt")
    with pytest.raises(CoachError, match="built-in"):
        kb.remove("team/walks.md")


def test_source_and_concept_filters(kb: KnowledgeBase) -> None:
    assert {p.source for p in kb.search("help", k=10, source="team/")} <= {"team/asking-for-help.md", "team/walks.md"}
    assert [p.source for p in kb.search("help", k=10, concept="Courage")] == ["boss/disagree.md"]
    assert kb.search("help", k=10, source="nothing-matches") == []


def test_bad_files_are_skipped_and_the_rest_indexed(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "empty.md").write_text("  \n\n")
    (tmp_path / "good.txt").write_text("Mentoring a new hire during the first week.\n")
    report = kb.add(sorted(tmp_path.glob("*.*")))
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == {"binary.txt", "latin1.txt", "empty.md"}
    assert "binary" in reasons["binary.txt"] and "UTF-8" in reasons["latin1.txt"] and "empty" in reasons["empty.md"]
    assert report.added == [str((tmp_path / "good.txt").resolve())]


def test_missing_path_and_empty_query_are_user_errors(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(CoachError, match="no such file"):
        kb.add([tmp_path / "absent.md"])
    with pytest.raises(CoachError, match="empty"):
        kb.search("   ")


def test_rebuild_reingests_known_sources_and_drops_missing_ones(kb: KnowledgeBase, tmp_path: Path) -> None:
    keep, gone = tmp_path / "keep.txt", tmp_path / "gone.txt"
    keep.write_text("Keep a decision log for the team.\n")
    gone.write_text("This file will be deleted.\n")
    kb.add([keep, gone])
    gone.unlink()
    report = kb.rebuild()
    assert report.removed == [str(gone.resolve())]
    sources = {r["source"] for r in kb.list_sources()}
    assert str(keep.resolve()) in sources and "team/walks.md" in sources
    assert kb.index.count() == sum(r["chunks"] for r in kb.list_sources())


def test_a_changed_or_removed_builtin_card_is_reindexed(kb: KnowledgeBase, cards_dir: Path) -> None:
    kb.ensure_ready()
    walks = cards_dir / "team" / "walks.md"
    walks.write_text("---\ntitle: Walk and talk\nconcepts: [walking]\n---\nTry a lap of the car park together.\n")
    (cards_dir / "boss" / "disagree.md").unlink()
    kb._ready = False  # a new version of the app starting over the same data
    report = kb.ensure_ready()
    assert report.updated == ["team/walks.md"] and report.removed == ["boss/disagree.md"]
    assert kb.search("a lap of the car park", k=1)[0].text == "Try a lap of the car park together."
    assert {r["source"] for r in kb.list_sources()} == {"team/asking-for-help.md", "team/walks.md"}


def test_an_index_from_before_passages_were_kept_is_upgraded_without_re_embedding(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    note = tmp_path / "plants.txt"
    note.write_text("The office plants need watering every Tuesday.\n")
    kb.add([note])
    before = [(p.chunk_id, p.text, p.title, p.score) for p in kb.search("watering the plants", k=2)]
    kb.manifest.db.execute("DELETE FROM passages")  # what a schema-2 manifest looks like
    kb._ready = False
    counting = CountingEmbedder(kb.embedder)
    kb.embedder = counting  # type: ignore[assignment]
    kb.ensure_ready()
    assert counting.texts == 0
    assert [(p.chunk_id, p.text, p.title, p.score) for p in kb.search("watering the plants", k=2)] == before


def test_a_passage_the_vector_graph_lost_still_ranks_by_meaning(kb: KnowledgeBase, tmp_path: Path) -> None:
    """HNSW is approximate, and a graph written by several processes can drop a node while its row is
    intact: a passage the words also find is ranked where its own vector puts it, not below the rest."""
    canteen = tmp_path / "canteen.md"
    canteen.write_text("---\ntitle: Canteen rota\n---\nThe canteen rota for the team changes every Monday.\n")
    oncall = tmp_path / "oncall.md"
    oncall.write_text("---\ntitle: On-call\n---\nWho carries the pager: the on-call rota, and how to swap a shift.\n")
    kb.add([canteen, oncall])
    query = "when does the canteen rota change"
    assert kb.search(query, k=1)[0].source == str(canteen.resolve())
    lost = [i for i, (source, _) in kb.manifest.entries().items() if source == str(canteen.resolve())]
    kb.index.delete_ids(lost)  # the graph no longer holds it; the manifest (words, vector, text) does
    top = kb.search(query, k=2)
    assert top[0].source == str(canteen.resolve())
    assert top[0].score > 0.6  # its own cosine, read from the kept vector
