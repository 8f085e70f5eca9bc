"""The analysts' version pages: two versions of a process compared, running routes moved between versions."""
from web.versions import compare, migrate  # noqa: F401 - both attach their routes to the versions blueprint
