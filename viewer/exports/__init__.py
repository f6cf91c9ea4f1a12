"""Exports for slides and handouts: images at any size, movies, PDF handouts, 3D models.

Qt (QPainter, QPdfWriter) but no window: the app's export child process and the CLI run these.
"""
