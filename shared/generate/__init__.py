"""Training and evaluation data for the verifier: structural near-miss negatives, meaning-preserving
positives, our own domain clauses, and converters for the public near-miss datasets."""

from .build import SOURCES, add_generate_arguments, generate, run_generate

__all__ = ["SOURCES", "add_generate_arguments", "generate", "run_generate"]
