"""coach: a terminal coaching agent for people managers."""

from coach.offline_env import no_phoning_home

no_phoning_home()  # before anything imports onnxruntime, Chroma or the HF hub client

__version__ = "0.1.0"
