"""Renderers: read only the canonical XML and write what the public sees."""
