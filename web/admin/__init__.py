"""Administration: users of every organisation; API tokens of the signed-in user; the region's incidents."""
from web.admin import incidents, views  # noqa: F401 - both attach their routes to the admin blueprint
