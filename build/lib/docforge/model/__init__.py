"""The document model shared by every stage: the block stream and the canonical XML."""
