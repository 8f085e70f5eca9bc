"""Entrepreneurship referral: to the «Мой бизнес» centre or a digital platform, platform access and the
project's result (process `sub_entrepreneurship_referral`)."""

from __future__ import annotations

from sqlalchemy import select

from domain.algorithms.eligibility import entrepreneurship_referral
from domain.models import EntrepreneurshipReferral, MyBusinessCentre, Youth
from handlers.common import external_id, org_of, require, today
from handlers.context import HandlerContext
from handlers.idempotency import service_operation

DIGITAL_PLATFORM = "Цифровая платформа МСП.РФ"
STARTED_FORMS = ("ip", "npd", "ooo")


def _centre(ctx: HandlerContext, youth: Youth) -> MyBusinessCentre | None:
    """The region's «Мой бизнес» centre, the one in the youth's municipality first."""
    centres = ctx.session.scalars(
        select(MyBusinessCentre).where(MyBusinessCentre.region_code == youth.region_code).order_by(MyBusinessCentre.id)
    ).all()
    return min(centres, key=lambda c: c.municipality_oktmo != youth.municipality_oktmo, default=None)


@service_operation("entrepreneurship.refer")
def refer(ctx: HandlerContext, youth_id: str, prefers_online: bool) -> dict:
    """Refer the youth to the regional centre, or to a digital platform when they prefer online support or
    the region has no centre; under-25s are flagged for youth grants. The centre joins the organisation scope."""
    youth = require(ctx.session, Youth, youth_id)
    centre = _centre(ctx, youth)
    decision = entrepreneurship_referral(
        birth_date=youth.birth_date,
        on=today(ctx),
        prefers_online=bool(prefers_online),
        centre_nearby=centre is not None,
    )
    referral = EntrepreneurshipReferral(
        youth_id=youth.id,
        referred_to=decision.referred_to,
        my_business_centre_id=centre.id if centre else None,
        centre_name=centre.name if centre else None,
        referred_at=ctx.now,
        eligible_youth_grant=decision.eligible_youth_grant,
        status="referred",
    )
    ctx.session.add(referral)
    ctx.session.flush()
    if decision.referred_to == "my_business_centre":
        ctx.emit(
            "my_business",
            "referral.create",
            {
                "referral_id": referral.id,
                "centre_id": referral.my_business_centre_id,
                "youth_id": youth.id,
                "full_name": youth.full_name,
                "phone": youth.phone,
                "email": youth.email,
                "eligible_youth_grant": referral.eligible_youth_grant,
            },
        )
    org = org_of(ctx)
    if centre is not None:
        org["my_business"] = centre.id
    return {
        "referral_id": referral.id,
        "referred_to": referral.referred_to,
        "eligible_youth_grant": referral.eligible_youth_grant,
        "centre_id": centre.id if centre else None,
        "org": org,
    }


@service_operation("entrepreneurship.provide_platform")
def provide_platform(ctx: HandlerContext, youth_id: str, referral_id: str) -> dict:
    """Open the youth's account on the entrepreneurship platform (the centre's, else the federal one)."""
    referral = require(ctx.session, EntrepreneurshipReferral, referral_id)
    if referral.youth_id != youth_id:
        raise ValueError(f"referral {referral_id} belongs to another youth")
    centre = (
        ctx.session.get(MyBusinessCentre, referral.my_business_centre_id) if referral.my_business_centre_id else None
    )
    platform = centre.online_platform_url if centre and centre.online_platform_url else DIGITAL_PLATFORM
    account_id = external_id("msp", referral.id)
    ctx.emit(
        "my_business",
        "platform_access.grant",
        {"referral_id": referral.id, "youth_id": youth_id, "platform": platform, "account_id": account_id},
    )
    referral.status = "in_support"
    ctx.session.flush()
    return {"platform": platform, "account_id": account_id}


@service_operation("entrepreneurship.record_result")
def record_result(ctx: HandlerContext, referral_id: str, business_result: dict) -> dict:
    """Store the business form three months on, with the support measures the centre reported."""
    referral = require(ctx.session, EntrepreneurshipReferral, referral_id)
    form = business_result.get("business_form") or "none"
    referral.business_form = form
    referral.measures_received = list((ctx.data.get("support") or {}).get("measures") or referral.measures_received)
    referral.status = "business_started" if form in STARTED_FORMS else "closed"
    if referral.status == "business_started":
        require(ctx.session, Youth, referral.youth_id).status = "entrepreneur"
    ctx.session.flush()
    return {"status": referral.status}
