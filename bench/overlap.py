"""Report word runs that project files share with third-party source texts.

Why this exists: coach is grounded in a handful of published articles, but the
project may only ship text its own authors wrote. Knowledge cards, prompts,
fixtures and tests must paraphrase those articles, never paste from them. This
script is the mechanical check behind that rule: it lowercases and tokenises
every source file and every target file, then prints each run of N or more
consecutive words that a target shares with a source. A clean run exits 0; any
shared run exits 1, so the check can sit in CI or a pre-commit hook.

Usage:
    python bench/overlap.py SOURCE_DIR TARGET_DIR [TARGET_DIR ...] [--n 8]

Sources are the files under SOURCE_DIR matching --source-glob (``*.txt`` by
default, i.e. the article texts). Targets are the .md, .py, .txt and .json
files under each TARGET_DIR (or a single target file). Lines that begin with
an attribution prefix (``source:`` by default, as in a knowledge card's front
matter) are skipped, because naming an article's title is citing it, not
copying it. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TARGET_SUFFIXES: frozenset[str] = frozenset({".md", ".py", ".txt", ".json"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Token:
    """One lowercased word and the 1-based line it came from."""

    word: str
    line: int


@dataclass(frozen=True)
class Match:
    """A maximal run of shared words between a target and a source."""

    target: Path
    source: Path
    line: int
    words: tuple[str, ...]


def tokenise(text: str, skip_prefixes: Sequence[str] = ()) -> list[Token]:
    """Lowercase ``text`` and split it into word tokens with line numbers.

    Lines whose stripped text starts with one of ``skip_prefixes`` are left out.
    """
    tokens: list[Token] = []
    normalised = text.lower().translate(_APOSTROPHES)
    prefixes = tuple(p.lower() for p in skip_prefixes)
    for number, line in enumerate(normalised.splitlines(), start=1):
        if prefixes and line.strip().startswith(prefixes):
            continue
        tokens.extend(Token(m.group(0), number) for m in _WORD.finditer(line))
    return tokens


def read_text(path: Path) -> str:
    """Read a file as UTF-8, replacing undecodable bytes rather than failing."""
    return path.read_text(encoding="utf-8", errors="replace")


def ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words in ``words``."""
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def iter_files(root: Path, pattern: str | None = None) -> Iterator[Path]:
    """Files under ``root`` (or ``root`` itself), by glob or by target suffix."""
    candidates: Iterable[Path]
    if root.is_file():
        candidates = [root]
    elif pattern is not None:
        candidates = root.rglob(pattern)
    else:
        candidates = root.rglob("*")
    for path in sorted(candidates):
        if not path.is_file():
            continue
        if pattern is None and path.suffix.lower() not in TARGET_SUFFIXES:
            continue
        yield path


def shared_runs(
    target: Path,
    tokens: Sequence[Token],
    source: Path,
    source_grams: set[tuple[str, ...]],
    n: int,
) -> list[Match]:
    """Merge overlapping shared n-grams in ``tokens`` into maximal runs."""
    words = [t.word for t in tokens]
    hits = [i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) in source_grams]
    matches: list[Match] = []
    start: int | None = None
    end = 0
    for i in hits:
        if start is not None and i <= end:
            end = i + n
            continue
        if start is not None:
            matches.append(Match(target, source, tokens[start].line, tuple(words[start:end])))
        start, end = i, i + n
    if start is not None:
        matches.append(Match(target, source, tokens[start].line, tuple(words[start:end])))
    return matches


def find_overlaps(
    source_dir: Path,
    targets: Sequence[Path],
    n: int,
    source_glob: str,
    skip_prefixes: Sequence[str] = (),
) -> list[Match]:
    """All maximal shared runs of at least ``n`` words, target by target."""
    sources = {
        path: ngrams([t.word for t in tokenise(read_text(path))], n) for path in iter_files(source_dir, source_glob)
    }
    matches: list[Match] = []
    for root in targets:
        for path in iter_files(root):
            tokens = tokenise(read_text(path), skip_prefixes)
            for source, grams in sources.items():
                matches.extend(shared_runs(path, tokens, source, grams, n))
    return matches


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line interface."""
    parser = argparse.ArgumentParser(description="Print runs of N consecutive words shared with source texts.")
    parser.add_argument("source_dir", type=Path, help="folder of source texts")
    parser.add_argument("targets", type=Path, nargs="+", help="folders or files to check")
    parser.add_argument("--n", type=int, default=8, help="shortest run to report (default 8)")
    parser.add_argument(
        "--source-glob",
        default="*.txt",
        help="which files under SOURCE_DIR count as sources (default *.txt)",
    )
    parser.add_argument(
        "--skip-prefix",
        action="append",
        default=None,
        help="ignore target lines starting with this (repeatable; default source:)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check; return 1 if any shared run was found, else 0."""
    args = parse_args(argv)
    if args.n < 1:
        print("--n must be at least 1", file=sys.stderr)
        return 2
    if not args.source_dir.is_dir():
        print(f"not a folder: {args.source_dir}", file=sys.stderr)
        return 2
    skip: list[str] = args.skip_prefix if args.skip_prefix else ["source:"]
    matches = find_overlaps(args.source_dir, args.targets, args.n, args.source_glob, skip)
    for match in matches:
        print(
            f"{match.target}:{match.line}: {len(match.words)} words shared with "
            f"{match.source.name}: {' '.join(match.words)}"
        )
    files = len({m.target for m in matches})
    print(
        f"{len(matches)} shared run(s) of {args.n}+ words in {files} file(s)",
        file=sys.stderr,
    )
    return 1 if matches else 0


if __name__ == "__main__":
    sys.exit(main())
