"""The 3D scene without Qt: brain scene, region labels and outline, camera views, themes, off-screen render.

Nothing here imports PySide6 or pyvistaqt (an import-linter contract in
``pyproject.toml`` checks it), so the command line and the window share it.
"""
