"""Evaluation: pair classification metrics and BEIR-style retrieval metrics."""
