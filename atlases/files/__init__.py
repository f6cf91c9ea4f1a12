"""Untrusted files, read safely: what a path is, paths inside a folder, TOML limits and reading, staged installs.

The bottom of the core: it imports only :mod:`atlases.errors`.
"""
