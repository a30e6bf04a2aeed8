"""Models that read a query-passage token similarity map and output a match logit."""

from .alignment import AlignmentTransformer
from .base import MAP_MODELS, MapModel, build_map_model
from .ensemble import SeedEnsemble
from .paper_f4 import PaperF4

__all__ = ["MAP_MODELS", "AlignmentTransformer", "MapModel", "PaperF4", "SeedEnsemble", "build_map_model"]
