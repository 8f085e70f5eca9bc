"""Entrepreneurship referral handlers against the seeded region."""
from __future__ import annotations

from datetime import date

import pytest

from domain.models import EntrepreneurshipReferral, MyBusinessCentre, Youth
from handlers import entrepreneurship
from tests.handlers.factories import add_youth


@pytest.fixture
def youth(session, region):
    return add_youth(session, "g-1", birth_date=date(2004, 2, 1), status="graduate")


def test_referral_to_the_centre_by_default(session, youth, make_ctx, count):
    ctx = make_ctx({"org": {"czn": "czn-001"}})
    result = entrepreneurship.refer(ctx, youth_id="g-1", prefers_online=False)
    assert result["referred_to"] == "my_business_centre" and result["eligible_youth_grant"] is True
    assert result["centre_id"] == "mb-001" and result["org"] == {"czn": "czn-001", "my_business": "mb-001"}
    row = session.get(EntrepreneurshipReferral, result["referral_id"])
    assert (row.my_business_centre_id, row.status) == ("mb-001", "referred")
    assert [(e["system"], e["kind"]) for e in ctx.emitted] == [("my_business", "referral.create")]
    assert entrepreneurship.refer(make_ctx(same=ctx), youth_id="g-1", prefers_online=False) == result
    assert count(EntrepreneurshipReferral) == 1


def test_online_preference_or_no_centre_means_the_platform(session, youth, make_ctx):
    ctx = make_ctx()
    assert entrepreneurship.refer(ctx, youth_id="g-1", prefers_online=True)["referred_to"] == "digital_platform"
    assert ctx.emitted == []


def test_without_a_centre_in_the_region_the_platform_it_is(session, youth, make_ctx):
    session.query(MyBusinessCentre).delete()
    session.flush()
    alone = entrepreneurship.refer(make_ctx(), youth_id="g-1", prefers_online=False)
    assert alone["referred_to"] == "digital_platform" and alone["centre_id"] is None and alone["org"] == {}


def test_no_grant_flag_from_25(session, region, make_ctx):
    add_youth(session, "g-2", birth_date=date(2001, 1, 1), status="graduate")
    assert entrepreneurship.refer(make_ctx(), youth_id="g-2", prefers_online=False)["eligible_youth_grant"] is False


def test_platform_access_and_result(session, youth, make_ctx):
    referral = entrepreneurship.refer(make_ctx(), youth_id="g-1", prefers_online=False)
    ctx = make_ctx()
    access = entrepreneurship.provide_platform(ctx, youth_id="g-1", referral_id=referral["referral_id"])
    assert access["platform"] == "https://mybusiness.example/52" and access["account_id"].startswith("msp-")
    assert ctx.emitted[0]["kind"] == "platform_access.grant"
    repeat = make_ctx(same=ctx)
    assert entrepreneurship.provide_platform(repeat, youth_id="g-1", referral_id=referral["referral_id"]) == access
    assert repeat.emitted == []
    row = session.get(EntrepreneurshipReferral, referral["referral_id"])
    assert row.status == "in_support"
    done = entrepreneurship.record_result(make_ctx({"support": {"measures": ["consulting", "grant"]}}),
                                          referral_id=row.id, business_result={"business_form": "npd"})
    assert done == {"status": "business_started"}
    assert row.measures_received == ["consulting", "grant"] and row.business_form == "npd"
    assert session.get(Youth, "g-1").status == "entrepreneur"


def test_project_not_registered_closes_the_referral(session, youth, make_ctx):
    referral = entrepreneurship.refer(make_ctx(), youth_id="g-1", prefers_online=True)
    result = entrepreneurship.record_result(make_ctx(), referral_id=referral["referral_id"],
                                            business_result={"business_form": "none", "comment": ""})
    assert result == {"status": "closed"} and session.get(Youth, "g-1").status == "graduate"


def test_platform_for_someone_else_s_referral_fails(session, youth, make_ctx):
    referral = entrepreneurship.refer(make_ctx(), youth_id="g-1", prefers_online=True)
    with pytest.raises(ValueError, match="another youth"):
        entrepreneurship.provide_platform(make_ctx(), youth_id="x", referral_id=referral["referral_id"])
