"""The process around the app: OpenGL check, renderer quality, crash log, error dialog, heap and GC tuning."""
