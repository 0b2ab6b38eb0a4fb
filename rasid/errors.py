"""The errors rasid raises, each with a message that says what to do.

    RasidError
    ├── InputError            an input cannot be read as an article
    │   ├── MissingFileError
    │   ├── DecodeError       bytes in no supported encoding
    │   └── EmptyInputError
    ├── DataError             derived or packaged data is missing or broken
    │   └── DataNotBuiltError
    ├── ConfigError           a setting or a command-line value is wrong
    └── StoreError            the dataset database cannot be opened or written

The library never raises on text: `rasid.extract` turns any string into a Document. These
errors come from reading files, building data and the store; the CLI prints one line for each.
"""
from __future__ import annotations


class RasidError(Exception):
    """Base of every error rasid raises on purpose."""


class InputError(RasidError):
    """An input cannot be read as an article."""


class MissingFileError(InputError):
    def __init__(self, path: str):
        super().__init__(f"no such file: {path} (check the path, or pass - to read standard input)")


class DecodeError(InputError):
    def __init__(self, path: str, tried: tuple[str, ...], reason: str | None = None):
        if reason:
            super().__init__(f"cannot decode {path}: {reason}")
        else:
            super().__init__(
                f"cannot decode {path}: tried {', '.join(tried)}; convert it to UTF-8 "
                "(for example: iconv -f YOUR-ENCODING -t UTF-8)"
            )


class EmptyInputError(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path} is empty: give an article with some text")


class DataError(RasidError):
    """Derived or packaged data is missing or broken."""


class DataNotBuiltError(DataError):
    def __init__(self, what: str, path: str):
        super().__init__(f"{what} not found in {path}: run `rasid data build` (see README)")


class ConfigError(RasidError):
    """A setting or a command-line value is wrong."""


class StoreError(RasidError):
    """The dataset database cannot be opened or written."""
