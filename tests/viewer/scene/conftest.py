"""Fixtures of the hostile-output tests (defined in ``tests/helpers_output.py``), for the tests here."""

from helpers_output import fake_render, no_render

__all__ = ["fake_render", "no_render"]
