"""Practice-library handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, datetime

from domain.models import AdaptationPractice
from handlers import practice_library

ORG = {"czn": "czn-001"}
PRACTICE = {"title": "Наставник на первый год", "category": "mentoring", "description": "Закрепление наставника",
            "industries": "Информационные технологии; Торговля", "publish": True}


def test_save_publishes_with_a_review_in_a_year(session, region, make_ctx, count):
    ctx = make_ctx({"org": ORG})
    result = practice_library.save_practice(ctx, practice=PRACTICE)
    assert result == {"practice_id": result["practice_id"], "status": "published",
                      "review_at": "2027-10-05T10:00:00+03:00"}
    row = session.get(AdaptationPractice, result["practice_id"])
    assert row.industries == ["Информационные технологии", "Торговля"]
    assert row.author_org == "ЦЗН Нижнего Новгорода" and row.published_at is not None
    assert practice_library.save_practice(make_ctx(same=ctx), practice=PRACTICE) == result
    assert count(AdaptationPractice) == 1


def test_saving_the_same_title_updates_the_practice(session, region, make_ctx, count):
    first = practice_library.save_practice(make_ctx({"org": ORG}), practice={**PRACTICE, "publish": False})
    assert first["status"] == "draft"
    second = practice_library.save_practice(make_ctx({"org": ORG}), practice=PRACTICE)
    assert second["practice_id"] == first["practice_id"] and second["status"] == "published"
    assert count(AdaptationPractice) == 1


def test_review_keeps_or_archives(session, region, make_ctx):
    saved = practice_library.save_practice(make_ctx({"org": ORG}), practice=PRACTICE)
    next_year = datetime(2027, 10, 5, 7, 0, tzinfo=UTC)
    review_ctx = make_ctx(now=next_year)
    kept = practice_library.apply_review(review_ctx, practice_id=saved["practice_id"],
                                         review={"still_relevant": True, "comment": ""})
    assert kept == {"status": "published", "review_at": "2028-10-05T10:00:00+03:00"}
    assert practice_library.apply_review(make_ctx(same=review_ctx), practice_id=saved["practice_id"],
                                         review={"still_relevant": True, "comment": ""}) == kept
    archived = practice_library.apply_review(make_ctx(now=next_year), practice_id=saved["practice_id"],
                                             review={"still_relevant": False, "comment": "Устарела"})
    assert archived == {"status": "archived", "review_at": None}
    assert session.get(AdaptationPractice, saved["practice_id"]).status == "archived"
