"""The ЦЗН library of adaptation and retention practices: saving a practice and its yearly review
(process `proc_practice_library`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from domain.algorithms.dates import add_months
from domain.models import AdaptationPractice, CznOffice
from handlers.common import MOSCOW, aware, iso_moscow, org_of, require
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

REVIEW_AFTER_MONTHS = 12


def _year_later(moment: datetime) -> datetime:
    local = moment.astimezone(MOSCOW)
    day = add_months(local.date(), REVIEW_AFTER_MONTHS)
    return local.replace(year=day.year, month=day.month, day=day.day)


def _industries(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


@service_operation("practice_library.save_practice")
def save_practice(ctx: HandlerContext, practice: dict) -> dict:
    """Create the practice (or update the office's practice of the same title), published or as a draft,
    with a review one year on."""
    czn_id = org_of(ctx).get("czn")
    author = require(ctx.session, CznOffice, czn_id).name if czn_id else None
    title = str(practice["title"]).strip()
    row = ctx.session.scalar(
        select(AdaptationPractice).where(
            AdaptationPractice.title_ru == title,
            AdaptationPractice.author_org == author,
            AdaptationPractice.status != "archived",
        )
    )
    if row is None:
        row = AdaptationPractice(title_ru=title, author_org=author)
        ctx.session.add(row)
    row.category = practice["category"]
    row.description_ru = str(practice.get("description") or "")
    row.industries = _industries(practice.get("industries"))
    row.status = "published" if practice.get("publish") else "draft"
    if row.status == "published":
        row.published_at = row.published_at or ctx.now
    row.review_at = _year_later(ctx.now)
    ctx.session.flush()
    return {"practice_id": row.id, "status": row.status, "review_at": iso_moscow(row.review_at)}


@service_operation("practice_library.apply_review")
def apply_review(ctx: HandlerContext, practice_id: str, review: dict) -> dict:
    """A practice still relevant stays published until next year's review; otherwise it is archived."""
    row = require(ctx.session, AdaptationPractice, practice_id)
    row.reviewed_at = ctx.now
    if review.get("still_relevant"):
        row.status = "published"
        row.published_at = row.published_at or ctx.now
        row.review_at = _year_later(ctx.now)
    else:
        row.status = "archived"
    ctx.session.flush()
    return {"status": row.status, "review_at": iso_moscow(aware(row.review_at)) if row.status == "published" else None}
