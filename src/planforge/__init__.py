"""planforge: annual trade-union work plans as YAML sources, checked and rendered."""

__version__ = "0.1.0"
