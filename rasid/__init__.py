"""rasid (راصد): Arabic conflict news to a structured, sourced, geocoded event dataset.

    >>> import rasid
    >>> doc = rasid.extract("قصفت قوات النظام مدينة دوما أمس", published="2018-03-12")
    >>> doc.to_json()
"""
__version__ = "0.1.0"

from rasid.model import Document, Event, Mention  # noqa: E402
from rasid.pipeline import extract  # noqa: E402

__all__ = ["Document", "Event", "Mention", "extract", "__version__"]
