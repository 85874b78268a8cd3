"""`python -m khabar …`: the same command line as `khabar …` (for an interpreter with no scripts on PATH)."""
from .cli import run

run()
