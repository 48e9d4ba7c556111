"""Evaluations over real documents: how well docforge does, measured (``make eval-checks``)."""
