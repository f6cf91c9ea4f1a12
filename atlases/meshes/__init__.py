"""Meshing and the mesh cache: label volumes become the triangle meshes the scene draws."""
