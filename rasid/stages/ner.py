"""Placeholder stage: returns the document unchanged until implemented."""
from rasid.model import Document


def stage(doc: Document) -> Document:
    return doc
