"""HTTP routes, one small module per resource; shared dependencies in ``deps``."""
