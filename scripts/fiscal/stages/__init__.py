"""The pipeline's stages, one module per DVC stage of ``dvc.yaml``."""
