"""One frozen Settings object, read from the commented `settings.cfg` defaults."""
from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasid.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    shared_dir: Path
    max_chars: int
    ner: bool
    db: Path
    max_article_chars: int


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("rasid"))


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Read the packaged defaults, then `path` (or $RASID_SETTINGS), then environment overrides."""
    cp = configparser.ConfigParser()
    cp.read_string(resources.files("rasid").joinpath("settings.cfg").read_text(encoding="utf-8"))
    user = path or os.environ.get("RASID_SETTINGS")
    if user:
        if not Path(user).is_file():
            raise ConfigError(f"settings file not found: {user}")
        cp.read(user, encoding="utf-8")
    try:
        data_dir = os.environ.get("RASID_DATA") or cp.get("data", "dir") or str(_default_data_dir())
        return Settings(
            data_dir=Path(data_dir).expanduser(),
            shared_dir=Path(os.environ.get("RASID_SHARED") or cp.get("data", "shared")).expanduser(),
            max_chars=cp.getint("extract", "max_chars"),
            ner=cp.getboolean("extract", "ner"),
            db=Path(os.environ.get("RASID_DB") or cp.get("store", "db")),
            max_article_chars=cp.getint("store", "max_article_chars"),
        )
    except ValueError as e:
        raise ConfigError(f"bad value in settings: {e}") from e


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    return load_settings()
