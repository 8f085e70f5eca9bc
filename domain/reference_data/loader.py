"""Loads the static reference data into the reference tables; safe to run again (adds what is missing)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CareerEventType, Municipality, Region, ServiceCatalogItem, Specialty
from domain.models.reference import level_of
from domain.reference_data.services import EVENT_TYPES, SERVICE_CATALOGUE, SERVICES
from domain.reference_data.specialties import SPECIALTIES, UGS_NAMES
from domain.reference_data.territory import MUNICIPALITIES, REGION_CODE, REGION_NAME


@dataclass(frozen=True)
class ReferenceCounts:
    specialties: int
    municipalities: int
    services: int
    event_types: int


def load_reference_data(session: Session) -> ReferenceCounts:
    """Adds missing reference rows and flushes; the caller owns the transaction."""
    added = {"specialties": 0, "municipalities": 0, "services": 0, "event_types": 0}

    def missing(key_column, keys):
        present = set(session.scalars(select(key_column).where(key_column.in_(keys))))
        return [key for key in keys if key not in present]

    if session.get(Region, REGION_CODE) is None:
        session.add(Region(code=REGION_CODE, name_ru=REGION_NAME))
    by_code = {s.okso_code: s for s in SPECIALTIES}
    for code in missing(Specialty.okso_code, list(by_code)):
        info = by_code[code]
        session.add(
            Specialty(
                okso_code=code,
                name_ru=info.name_ru,
                ugs_code=info.ugs_code,
                ugs_name_ru=UGS_NAMES[info.ugs_code],
                level=level_of(code),
            )
        )
        added["specialties"] += 1
    by_oktmo = {m.oktmo: m for m in MUNICIPALITIES}
    for oktmo in missing(Municipality.oktmo, list(by_oktmo)):
        info = by_oktmo[oktmo]
        session.add(Municipality(oktmo=oktmo, region_code=REGION_CODE, name_ru=info.name_ru, is_urban=info.is_urban))
        added["municipalities"] += 1
    services = {s.code: s for s in SERVICES}
    for code in missing(ServiceCatalogItem.code, list(services)):
        info = services[code]
        session.add(
            ServiceCatalogItem(
                code=code,
                name_ru=info.name_ru,
                name_en=info.name_en,
                provider_lane=info.provider_lane,
                legal_basis=info.legal_basis,
                channel=info.channel,
                min_age=info.min_age,
                max_age=info.max_age,
                for_risk_level=info.for_risk_level,
                due_in_days=info.due_in_days,
                sort_order=SERVICE_CATALOGUE[code].sort_order,
            )
        )
        added["services"] += 1
    types = {t.code: t for t in EVENT_TYPES}
    for code in missing(CareerEventType.code, list(types)):
        info = types[code]
        session.add(
            CareerEventType(
                code=code,
                name_ru=info.name_ru,
                description_ru=info.description_ru,
                min_grade=info.min_grade,
                max_grade=info.max_grade,
                for_students=info.for_students,
            )
        )
        added["event_types"] += 1
    session.flush()
    return ReferenceCounts(**added)
