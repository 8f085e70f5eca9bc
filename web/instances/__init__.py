"""Process instances: the instance page with its diagram, starting a route, admin actions."""
