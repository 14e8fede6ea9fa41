"""Write `coach/coaching/verbs.txt`: English verbs in their base form, for the line scorer's imperatives.

    python -m coach.nlp.build_verbs            # writes the file
    python -m coach.nlp.build_verbs --check    # exit 1 unless the shipped file is what this writes

The list is WordNet's verb index as the spaCy English model ships it in its lemmatizer tables (the
model coach already installs for the debrief): a dictionary of the language, not words picked from
any sentence. The line scorer reads it where its own short list of task verbs says nothing ("please
reconcile the balances", "approve it by Friday"); docs/nlp.md says how.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

VERBS_FILE = Path(__file__).resolve().parent.parent / "coaching" / "verbs.txt"
HEADER = "# English base-form verbs: WordNet's verb index, from the spaCy model's lemmatizer tables (build_verbs.py)\n"


def verbs() -> list[str]:
    """The verb index, one-word entries only, sorted."""
    from spacy.pipeline import Lemmatizer

    from coach.nlp.spacy_en import load

    lemmatizer = load().get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    index = lemmatizer.lookups.get_table("lemma_index")
    return sorted({w for w in index["verb"] if w.isalpha() and w.islower()})


def text() -> str:
    return HEADER + "\n".join(verbs()) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless the shipped file is what this writes")
    args = parser.parse_args(argv)
    data = text()
    if args.check:
        same = VERBS_FILE.is_file() and VERBS_FILE.read_text(encoding="utf-8") == data
        print(f"{VERBS_FILE} is {'' if same else 'NOT '}what the spaCy model's tables give")
        return 0 if same else 1
    VERBS_FILE.write_text(data, encoding="utf-8")
    print(f"wrote {VERBS_FILE} ({len(data.splitlines()) - 1} verbs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
