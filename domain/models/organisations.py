"""Organisations users belong to: schools, colleges/universities, employers and ЦЗН offices."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import PII, Base, UuidPk, one_of
from domain.models.codes import EDU_ORG_TYPES, EMP_LEVELS, EMPLOYER_SIZES, STUDY_FORMS


class School(UuidPk, Base):
    """A general-education school; `id` is readable (e.g. `school-001`)."""

    __tablename__ = "school"
    __table_args__ = (one_of("emp_level", EMP_LEVELS),)

    name: Mapped[str] = mapped_column(String(300), index=True)
    inn: Mapped[str | None] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    emp_level: Mapped[str] = mapped_column(String(10), default="basic")
    navigator_teacher: Mapped[str | None] = mapped_column(String(200), info=PII)


class CznOffice(UuidPk, Base):
    """An employment service centre (Кадровый центр «Работа России»)."""

    __tablename__ = "czn_office"

    name: Mapped[str] = mapped_column(String(300), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    address: Mapped[str | None] = mapped_column(String(300))


class EduOrg(UuidPk, Base):
    """A vocational college (ПОО) or a university (ОО ВО)."""

    __tablename__ = "edu_org"
    __table_args__ = (one_of("type", EDU_ORG_TYPES),)

    name: Mapped[str] = mapped_column(String(300), index=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(4))
    inn: Mapped[str | None] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    czn_office_id: Mapped[str | None] = mapped_column(ForeignKey("czn_office.id"), index=True)
    career_centre_contact: Mapped[str | None] = mapped_column(String(200), info=PII)
    czn_agreement_number: Mapped[str | None] = mapped_column(String(60))


class Programme(UuidPk, Base):
    """An educational programme of an edu org in one ОКСО specialty."""

    __tablename__ = "programme"
    __table_args__ = (one_of("form", STUDY_FORMS),)

    edu_org_id: Mapped[str] = mapped_column(ForeignKey("edu_org.id"), index=True)
    okso_code: Mapped[str] = mapped_column(ForeignKey("specialty.okso_code"), index=True)
    form: Mapped[str] = mapped_column(String(12), default="full_time")
    duration_months: Mapped[int] = mapped_column(Integer)
    kcp_places: Mapped[int] = mapped_column(Integer, default=0)
    target_quota_places: Mapped[int] = mapped_column(Integer, default=0)
    employer_partner_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class Employer(UuidPk, Base):
    """An employer (legal entity or individual entrepreneur)."""

    __tablename__ = "employer"
    __table_args__ = (one_of("size", EMPLOYER_SIZES),)

    name: Mapped[str] = mapped_column(String(300), index=True)
    inn: Mapped[str | None] = mapped_column(String(12), index=True)
    ogrn: Mapped[str | None] = mapped_column(String(15))
    okved: Mapped[str] = mapped_column(String(10), index=True)
    industry_ru: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    size: Mapped[str] = mapped_column(String(10), default="small")
    contact: Mapped[str | None] = mapped_column(String(200), info=PII)
    is_tt_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    ecp_employer_id: Mapped[str | None] = mapped_column(String(60), index=True)


class MyBusinessCentre(UuidPk, Base):
    """A «Мой бизнес» centre supporting small business and young entrepreneurs."""

    __tablename__ = "my_business_centre"

    name: Mapped[str] = mapped_column(String(300), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    online_platform_url: Mapped[str | None] = mapped_column(String(300))
