"""The outermost layer: the FastAPI app, its routes and pages, and the ``eom`` CLI."""
