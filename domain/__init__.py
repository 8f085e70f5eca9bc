"""The registries of the youth routing map (SQLAlchemy models, migrations, reference data, a synthetic
region) and the decision rules service-task handlers use. Imports nothing of ours; see README.md."""
