"""Error messages of the JSON API, one file per language."""

from __future__ import annotations

from web.api.catalog import en, ja

CATALOGS: dict[str, dict[str, str]] = {"ja": ja.MESSAGES, "en": en.MESSAGES}
LANGUAGES = tuple(CATALOGS)
DEFAULT_LANGUAGE = "ja"


def message(code: str, language: str = DEFAULT_LANGUAGE, *, detail: str = "") -> str:
    """The text of an error code; `detail` (e.g. a not_bookable reason) picks a finer entry."""
    catalog = CATALOGS.get(language, CATALOGS[DEFAULT_LANGUAGE])
    if detail and f"{code}.{detail}" in catalog:
        return catalog[f"{code}.{detail}"]
    return catalog.get(code, catalog["error"])
