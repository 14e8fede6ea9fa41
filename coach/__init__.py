"""coach: a terminal coaching agent for people managers."""

from coach.heap import fewer_arenas
from coach.offline_env import no_phoning_home

no_phoning_home()  # before anything imports onnxruntime, Chroma or the HF hub client
fewer_arenas()  # before any thread starts

__version__ = "0.1.0"
