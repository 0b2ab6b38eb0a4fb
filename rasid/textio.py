"""Reading article bytes into text: the encodings news archives come in, with clear errors."""
from __future__ import annotations

import sys
from pathlib import Path

from rasid.errors import DecodeError, EmptyInputError, MissingFileError

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16 (with BOM)", "windows-1256")


def _plausible(text: str) -> bool:
    """Text decoded by a permissive codec is kept only when it reads like text."""
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return bad <= len(text) * 0.01


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1256; else DecodeError."""
    damage = utf8_damage(data)
    if damage:
        raise DecodeError(name, ENCODINGS, damage)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
            if _plausible(text):
                return text
        except UnicodeDecodeError:
            pass
        raise DecodeError(name, ENCODINGS)
    try:
        text = data.decode("utf-8-sig")
        if _plausible(text):
            return text
        raise DecodeError(name, ENCODINGS)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise DecodeError(name, ENCODINGS) from None
    # Windows-1256 decodes most byte strings: accept only what looks like Arabic text
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    if _plausible(text) and arabic >= max(1, len(text) * 0.2):
        return text
    raise DecodeError(name, ENCODINGS)


def utf8_damage(data: bytes) -> str | None:
    """Why bytes that are UTF-8 Arabic with damage (cut short, a bad byte) are no article; None otherwise.

    Windows-1256 decodes such bytes too, into mojibake that still looks Arabic, so they must be
    caught before the encoding fallback.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad, arabic = text.count("\ufffd"), sum(1 for c in text if "\u0600" <= c <= "\u06ff")
        if arabic < 20 * bad:
            return None  # not UTF-8 at all: let the other encodings try
        if e.reason == "unexpected end of data":
            return "truncated UTF-8: the file ends inside a character (cut short?); fetch it again"
        return f"invalid UTF-8 at byte {e.start:,}: the file is damaged; fetch it again or convert it"



def read_article(path: str) -> str:
    """Read an article from a path (or - for standard input); raise InputError on bad input."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise MissingFileError(path)
        data = p.read_bytes()
        name = path
    if not data.strip():
        raise EmptyInputError(name)
    text = decode_bytes(data, name)
    if not text.strip():
        raise EmptyInputError(name)
    return text
