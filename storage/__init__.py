"""Storage parts every room shares (the bottom room: it imports nothing of ours, and every room may import
it): the migration set each room's Alembic scripts are run by, the aware-UTC datetime column type, the
compact JSON and digest column types, and the constraint naming convention of every room's metadata."""
from storage.migrations import MigrationSet
from storage.naming import NAMING_CONVENTION
from storage.packed import Digest, PackedJSON
from storage.types import UTCDateTime

__all__ = ["NAMING_CONVENTION", "Digest", "MigrationSet", "PackedJSON", "UTCDateTime"]
