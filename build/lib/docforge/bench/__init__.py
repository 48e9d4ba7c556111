"""``make bench``: docforge's speed and memory per stage, and beside the tools a user would
otherwise reach for (pandoc, LibreOffice, pdftotext), on the same files in the same run.

``python -m docforge.bench`` builds its corpus in ``bench/work/``, measures every step in
its own subprocess (wall time, and peak RSS from ``wait4``), and writes the table to stdout
and ``bench/results.md``. Targets are reported as met or not met, never asserted: these
machines are shared and noisy, and the ratios are what count.
"""
