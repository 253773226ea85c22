"""Interfaces: the ``citygraph`` command line and the FastAPI web application."""
