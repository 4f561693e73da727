"""Document families: each reads one kind of document (its parts, tables and identities)
from the shared layout. The shared rooms import no family."""
