"""The presenter view: what the lecturer sees on the laptop while the projector shows lecture mode."""
