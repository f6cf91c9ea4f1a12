"""The hidden flags with which a packaged app runs itself as one of its own child processes.

A PyInstaller app has no ``python -c`` or ``python -m``: to start a child it
runs its own executable with one of these flags first, and ``main.py`` hands
the rest of the command line to that child's entry point. The flags are kept
here, apart from the modules that do the child work, so that ``main.py`` can
recognise them without importing those modules and the libraries they need.
This module imports nothing.
"""

#: Render one frame to check OpenGL (:func:`viewer.runtime.gl_probe.child_main`).
GL_PROBE_FLAG = "--gl-probe-child"
#: Download the Harvard-Oxford atlas (:func:`atlases.sources.harvard_oxford_download.child_main`).
DOWNLOAD_FLAG = "--download-child"
#: Build an atlas's meshes into the cache (:func:`atlases.meshes.mesh_builder.run_and_exit`).
BUILD_MESHES_FLAG = "--build-meshes"
#: Run one export job: an image, a movie or a handout (:func:`viewer.exports.jobs.child_main`).
EXPORT_FLAG = "--export-child"
