"""The language models coach reads text with, loaded from files and checked: I/O the pure core receives.

`coach.coaching` never loads a model itself. The workspace (or a test) loads one here
and hands it in: `analyse_notes(..., nlp=spacy_en.load())` for the debrief, and
`line_head.line_scorer()` (the line scorer's head weights and the MiniLM embedder) for every
scored line.
"""
