"""unfree: sourced, quantified evidence of forced labour from text in many languages.

The flow, one sub-package per stage:
ingest -> language -> segment -> facts -> indicators -> assess -> report / evaluate.
`unfree.pipeline.Pipeline` wires the stages; `unfree.model` holds the records they pass on.
"""

__version__ = "0.1.0"
