"""rag-verify's framework-agnostic core: token encoder, similarity maps, the verifier model and its tools.

The LangChain and LlamaIndex adapters are thin layers over :class:`Verifier`; everything that is not
framework glue lives here, once.
"""

from .cache import EmbeddingCache
from .checkpoint import Calibration, CheckpointConfig
from .encoder import EncodingSettings, TokenEncoder
from .explain import Explanation
from .maxsim import MaxSimScorer
from .text import normalize_query
from .verdict import CALIBRATED, Threshold, Verdict, resolve_threshold
from .verifier import EncoderMismatchError, Verifier

__all__ = [
    "CALIBRATED",
    "Calibration",
    "CheckpointConfig",
    "EmbeddingCache",
    "EncoderMismatchError",
    "EncodingSettings",
    "Explanation",
    "MaxSimScorer",
    "Threshold",
    "TokenEncoder",
    "Verdict",
    "Verifier",
    "normalize_query",
    "resolve_threshold",
]
