"""Shared text vocabulary of Chinese official documents: characters, numerals, units, dates, genre terms.

Readers, the normalizer and the checks may all import from here; nothing here imports them."""
