"""Tour steps, one module per area (see ui/tour.py)."""
