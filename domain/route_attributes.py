"""What routes are found by: the attributes the deployment declares to the engine as search attributes
(where in a route's data each one lives) and the organisation kinds whose staff see their organisation's
routes by one of them. The engine keeps them in generic slots in this order (engine.search)."""
from __future__ import annotations

SUBJECT = "subject"
"""Whom the route concerns, by name: the youth, the employer of a staffing need, the employment centre of a
practice library. The search attribute: the inbox finds routes by a prefix of it."""
RISK_LEVEL = "risk_level"
SCHOOL = "school"
EDU_ORG = "edu_org"
EMPLOYER = "employer"

ROUTE_ATTRIBUTES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SUBJECT, ("youth_name", "youth.name", "employer_name", "czn_name")),
    (RISK_LEVEL, ("risk_level",)),
    (SCHOOL, ("org.school",)),
    (EDU_ORG, ("org.edu_org",)),
    (EMPLOYER, ("org.employer",)),
)
"""name -> dotted paths into the route's data (the first holding a value wins)."""
SEARCH_ATTRIBUTE = SUBJECT

ORG_SCOPES = {"school": SCHOOL, "edu_org": EDU_ORG, "employer": EMPLOYER}
"""organisation kind -> the attribute that names the organisation of that kind on a route."""
