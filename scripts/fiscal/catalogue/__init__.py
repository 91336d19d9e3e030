"""The catalogue of source documents and its life cycle (add, re-publish, remove, list)."""
