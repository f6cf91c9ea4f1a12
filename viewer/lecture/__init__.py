"""Lecture mode and guided tours (Qt): full screen, the caption band, the tour controller and its commands."""
