"""Measurements around the pipeline: `bench.py` times it, `family.py` generates issues to test the layout with."""
