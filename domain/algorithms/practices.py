"""Choosing adaptation practices from the library for an employer (advice to employers, §4.8)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SIZE_ORDER = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class PracticeCandidate:
    id: str
    title_ru: str
    category: str
    industries: tuple[str, ...] = ()
    """ОКВЭД class prefixes the practice suits; empty means any industry."""
    company_size: str | None = None
    """The smallest company size the practice is meant for; None means any size."""
    status: str = "published"


def suggest_practices(
    *, okved: str, size: str, practices: Iterable[PracticeCandidate], limit: int = 5
) -> list[PracticeCandidate]:
    """Published practices that fit the employer's industry and size: industry-specific ones first,
    then one per category before repeating a category, then by title."""
    if size not in SIZE_ORDER:
        raise ValueError(f"unknown company size {size!r}")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    fitting = []
    for practice in practices:
        if practice.status != "published":
            continue
        if practice.company_size and SIZE_ORDER.index(size) < SIZE_ORDER.index(practice.company_size):
            continue
        specific = any(okved.startswith(prefix) for prefix in practice.industries)
        if practice.industries and not specific:
            continue
        fitting.append((0 if specific else 1, practice))
    fitting.sort(key=lambda item: (item[0], item[1].title_ru, item[1].id))
    chosen: list[PracticeCandidate] = []
    seen_categories: set[str] = set()
    for _, practice in fitting:
        if practice.category not in seen_categories:
            chosen.append(practice)
            seen_categories.add(practice.category)
    chosen += [practice for _, practice in fitting if practice not in chosen]
    return chosen[:limit]
