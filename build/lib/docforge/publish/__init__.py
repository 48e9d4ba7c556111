"""Publishing: the versioned XML archive, its catalog and the static disclosure site."""
