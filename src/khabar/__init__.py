"""khabar: sourced, geocoded claims and events from conflict news in French, Arabic and English."""
from .api import Pipeline, extract
from .model import Claim, Event, Mention, Place, Report, Source

__all__ = ["extract", "Pipeline", "Report", "Claim", "Event", "Mention", "Place", "Source"]
__version__ = "0.1.0"
