"""The analysts' workbench: the catalogue of processes, decision tables and forms with their versions, the
modeller with ProfRoute's properties panel and checks, drafts and deploys approved by a second person."""
from web.analyst import catalogue_views, editor_views, modeller_views, proposal_views  # noqa: F401 - they attach their routes
